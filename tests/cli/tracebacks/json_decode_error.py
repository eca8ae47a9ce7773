import json


def parse(text):
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise ValueError(f"bad config at line {e.lineno}") from e


parse('{\n  "name": "demo",\n  "size": 3,\n}')
