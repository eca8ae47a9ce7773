#include <gtest/gtest.h>
#include "syntax/lexer.h"
TEST(Lexer, Placeholder) { SUCCEED(); }
