print("dealrules")
