"""The component's app module: the WSGI application above, served as the world's
wasi:http/incoming-handler by the runtime's WSGI bridge."""

from componentize_wsgi import incoming_handler

from notes import application

IncomingHandler = incoming_handler(application)
