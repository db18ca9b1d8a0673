"""Local fake of the LINE Messaging API for tests and the chat simulator.

``FakeLineServer`` answers the endpoints the bot uses the way api.line.me does,
records every request, and checks each body against LINE's OpenAPI spec
(``spec/messaging-api.yml``) plus the limits the spec leaves out
(``SpecValidator``).
"""

from fakeline.schema import Problem, SpecValidator, default_validator
from fakeline.server import FakeLineServer, Fault, RecordedRequest

__all__ = ["FakeLineServer", "Fault", "Problem", "RecordedRequest", "SpecValidator", "default_validator"]
