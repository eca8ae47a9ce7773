// The --input JSON mapping must match what json.loads gives CPython.
#include "json_input.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace {

using monty::Object;
using monty_cli::JsonParse;
using monty_cli::parse_json;

Object ok(std::string_view text) {
  JsonParse r = parse_json(text);
  EXPECT_EQ(r.status, JsonParse::Status::Ok) << text << ": " << r.error;
  return r.value;
}

JsonParse::Status status(std::string_view text) { return parse_json(text).status; }

TEST(JsonInput, Scalars) {
  EXPECT_EQ(ok("null").kind(), Object::Kind::None);
  EXPECT_EQ(ok(" true ").kind(), Object::Kind::Bool);
  EXPECT_TRUE(ok("true").as_bool());
  EXPECT_FALSE(ok("false").as_bool());
  EXPECT_EQ(ok("0").as_int(), 0);
  EXPECT_EQ(ok("-0").as_int(), 0);  // json.loads("-0") == 0, an int
  EXPECT_EQ(ok("42").as_int(), 42);
  EXPECT_EQ(ok("-9223372036854775808").as_int(), INT64_MIN);
  EXPECT_EQ(ok("9223372036854775807").as_int(), INT64_MAX);
}

TEST(JsonInput, IntegersBeyondInt64AreBigInts) {
  Object big = ok("9223372036854775808");
  EXPECT_EQ(big.kind(), Object::Kind::BigInt);
  EXPECT_EQ(big.text(), "9223372036854775808");
  Object neg = ok("-123456789012345678901234567890");
  EXPECT_EQ(neg.kind(), Object::Kind::BigInt);
  EXPECT_EQ(neg.text(), "-123456789012345678901234567890");
}

TEST(JsonInput, Floats) {
  EXPECT_EQ(ok("1.5").kind(), Object::Kind::Float);
  EXPECT_EQ(ok("1.5").as_float(), 1.5);
  EXPECT_EQ(ok("1e3").kind(), Object::Kind::Float);  // exponent makes a float, as in json.loads
  EXPECT_EQ(ok("1E-2").as_float(), 0.01);
  EXPECT_EQ(ok("0.1").as_float(), 0.1);
  EXPECT_TRUE(std::signbit(ok("-0.0").as_float()));
  EXPECT_EQ(ok("1e400").as_float(), HUGE_VAL);
  EXPECT_EQ(ok("-Infinity").as_float(), -HUGE_VAL);
  EXPECT_TRUE(std::isnan(ok("NaN").as_float()));
}

TEST(JsonInput, Strings) {
  EXPECT_EQ(ok(R"("")").text(), "");
  EXPECT_EQ(ok(R"("a\"b\\c\/d\b\f\n\r\t")").text(), "a\"b\\c/d\b\f\n\r\t");
  EXPECT_EQ(ok(R"("\u00e9\u20ac")").text(), "\xC3\xA9\xE2\x82\xAC");
  EXPECT_EQ(ok(R"("\ud83d\ude00")").text(), "\xF0\x9F\x98\x80");  // surrogate pair
  EXPECT_EQ(ok("\"\xC3\xA9\"").text(), "\xC3\xA9");               // raw UTF-8
  EXPECT_EQ(ok(R"("\u0000")").text(), std::string(1, '\0'));
}

TEST(JsonInput, Containers) {
  Object list = ok(R"([1, "a", [null], {}])");
  ASSERT_EQ(list.kind(), Object::Kind::List);
  ASSERT_EQ(list.items().size(), 4u);
  EXPECT_EQ(list.items()[1].text(), "a");
  EXPECT_EQ(list.items()[2].kind(), Object::Kind::List);
  EXPECT_EQ(list.items()[3].kind(), Object::Kind::Dict);

  // dict items are interleaved k0, v0, k1, v1; a repeated key keeps its first
  // position and takes the last value, as a dict built by json.loads does.
  Object dict = ok(R"({"a": 1, "b": 2, "a": 3})");
  ASSERT_EQ(dict.kind(), Object::Kind::Dict);
  ASSERT_EQ(dict.items().size(), 4u);
  EXPECT_EQ(dict.items()[0].text(), "a");
  EXPECT_EQ(dict.items()[1].as_int(), 3);
  EXPECT_EQ(dict.items()[2].text(), "b");
  EXPECT_EQ(dict.items()[3].as_int(), 2);
}

TEST(JsonInput, Invalid) {
  for (const char* bad : {"",
                          " ",
                          "nul",
                          "True",
                          "01",
                          "-",
                          "1.",
                          ".5",
                          "1e",
                          "+1",
                          "[1,]",
                          "[1 2]",
                          "{\"a\" 1}",
                          "{'a': 1}",
                          "{1: 2}",
                          "\"abc",
                          "\"\\x\"",
                          "\"\\u12\"",
                          "\"\\ud800\"",
                          "\"\\udc00\"",
                          "\"\\ud800\\u0041\"",
                          "\"tab\there\"",
                          "\"\xFF\"",
                          "1 2",
                          "[",
                          "{",
                          "Ada",
                          "-Inf"}) {
    EXPECT_EQ(status(bad), JsonParse::Status::Invalid) << bad;
  }
}

TEST(JsonInput, DepthIsBounded) {
  const size_t limit = monty_cli::kMaxJsonDepth;
  EXPECT_EQ(status(std::string(limit, '[') + std::string(limit, ']')), JsonParse::Status::Ok);
  EXPECT_EQ(status(std::string(limit + 1, '[') + std::string(limit + 1, ']')),
            JsonParse::Status::TooDeep);
  // Far deeper than any native stack would survive unbounded: still no crash.
  EXPECT_EQ(status(std::string(1000000, '[')), JsonParse::Status::TooDeep);
}

TEST(Utf8, Validation) {
  EXPECT_TRUE(monty_cli::is_valid_utf8("plain \xC3\xA9 \xF0\x9F\x98\x80"));
  EXPECT_EQ(monty_cli::first_invalid_utf8("ab\xFF"), 2u);
  EXPECT_EQ(monty_cli::first_invalid_utf8("\xC0\x80"), 0u);          // overlong NUL
  EXPECT_EQ(monty_cli::first_invalid_utf8("a\xED\xA0\x80"), 1u);     // UTF-16 surrogate
  EXPECT_EQ(monty_cli::first_invalid_utf8("\xF4\x90\x80\x80"), 0u);  // > U+10FFFF
  EXPECT_EQ(monty_cli::first_invalid_utf8("\xE2\x82"), 0u);          // truncated
}

}  // namespace
