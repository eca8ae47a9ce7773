a, b = 3, 4
s = f"""a = {a}
b = {b}
sum = {a + b}"""
print(s)
t = (f"first {a} "
     f"second {b}")
print(t)
print(f'''{"triple" + ' mixed'}''')
