Tru
