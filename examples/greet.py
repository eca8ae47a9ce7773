# Uses inputs given on the command line:
#   build/cli/monty examples/greet.py --input name=Ada --input 'langs=["Python", "C++"]'
print(f"Hello, {name}!")
for i, lang in enumerate(langs, 1):
    print(f"{i}. {lang}")
