from schemas import write_schema_files

for path in write_schema_files():
    print(f"wrote {path}")
