# An invalid pattern raises re.error, named so in the traceback.
import re

pattern = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})")
print(pattern.match("2024-05").groupdict())
re.compile("[a-z")
