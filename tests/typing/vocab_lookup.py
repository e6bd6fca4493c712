from gpworkshop import Role

r: Role = Role("host")
print(r.value.upper(), Role.HOST.value)
