"""Issue 19: error-context made here and read here, passed to and from another component."""

from componentize_streams import ErrorContext
from wit_world import exports


class Complaints(exports.Complaints):
    def complain(self, message):
        return ErrorContext(message)

    def describe(self, error):
        with error:
            return "described here: " + error.debug_message()
