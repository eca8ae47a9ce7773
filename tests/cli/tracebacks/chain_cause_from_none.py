class ConfigError(Exception):
    pass


def get(cfg, key):
    try:
        return cfg[key]
    except KeyError:
        raise ConfigError(f"missing key {key!r}") from None


def get_port(cfg):
    try:
        return get(cfg, "port")
    except ConfigError as e:
        raise RuntimeError("bad config") from e


print(get_port({"host": "x"}))
