words = ["banana", "Apple", "cherry", "apple", "Banana", "äpfel", "10", "9"]
print(sorted(words))
print(sorted(words, key=str.lower))
print(sorted(words, key=len))
print(sorted(words, reverse=True))
print(min(words), max(words))
