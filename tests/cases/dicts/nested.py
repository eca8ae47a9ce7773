cfg = {"db": {"host": "localhost", "ports": [5432, 5433]}, "debug": False}
print(cfg["db"]["ports"][1])
cfg["db"]["user"] = "admin"
print(cfg)
print(cfg.get("cache", {}).get("size", 128))
tree = {}
for path in ["a/b/c", "a/b/d", "a/e", "f"]:
    node = tree
    for part in path.split("/"):
        node = node.setdefault(part, {})
print(tree)
