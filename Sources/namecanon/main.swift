import NameCanon
print("NameCanon \(NameCanonVersion.nameCanon), ICU \(NameCanonVersion.icu)")
