print("ab" + "cd", "ab" * 3, 3 * "x", "a" * 0, "a" * -1, repr("" * 5))
s = "x"
s += "y"
s *= 2
print(s)
print("-" * 20)
print("abc" < "abd", "abc" < "ab", "B" < "a", "" < "a", "Z" > "a")
print("a" == "a", "a" != "b", "abc" >= "abc")
print("ell" in "hello", "" in "abc", "x" not in "abc")
