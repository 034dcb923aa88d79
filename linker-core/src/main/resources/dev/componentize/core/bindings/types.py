"""Helpers every binding module uses: results and nested options (``Ok``, ``Err``, ``Some``) and
the bases of records (``Record``), enums (``Enum``) and flags (``Flag``).

These are the run-time forms, written so that importing the bindings imports neither
``dataclasses`` nor ``enum`` nor ``typing``. Type checkers and IDEs read ``types.pyi`` beside this
file, which declares the same names in their ``typing`` forms.
"""
from abc import ABC as Protocol

_Alias = type(list[int])

Any = object
"""Only in annotations, which are not evaluated at run time."""


class Record:
    """Base of a record and of a variant case: ``__match_args__`` names the fields in WIT order.

    Two records are equal when they are of the same class with equal fields; the repr is
    ``Name(field=value, ...)``; like a dataclass with ``eq=True``, a record is not hashable.
    """

    __slots__ = ()
    __match_args__ = ()
    __hash__ = None

    def __repr__(self):
        fields = ", ".join("%s=%r" % (name, getattr(self, name)) for name in self.__match_args__)
        return "%s(%s)" % (type(self).__qualname__, fields)

    def __eq__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        names = self.__match_args__
        return tuple([getattr(self, n) for n in names]) == tuple([getattr(other, n) for n in names])


class Ok(Record):
    """The ``ok`` case of a ``result`` that is not a function's return value."""

    __match_args__ = ("value",)
    __class_getitem__ = classmethod(_Alias)

    def __init__(self, value):
        self.value = value


class Err(Record, Exception):
    """The ``err`` case of a ``result``.

    A function returning ``result<T, E>`` returns the ``T`` and raises ``Err(e)``; an
    exported function raises ``Err(e)`` to return the error ``e``.
    """

    __match_args__ = ("value",)
    __class_getitem__ = classmethod(_Alias)

    def __init__(self, value):
        self.value = value

    def __str__(self):
        return "Err(%r)" % (self.value,)


class Some(Record):
    """A present value of an option nested in an option (``option<option<T>>``)."""

    __match_args__ = ("value",)
    __class_getitem__ = classmethod(_Alias)

    def __init__(self, value):
        self.value = value


class _Result:
    """``Result[T, E]`` at run time: ``Ok[T] | Err[E]``."""

    def __getitem__(self, types):
        ok, err = types
        return Ok[ok] | Err[err]

    def __repr__(self):
        return "wit_world.types.Result"


Result = _Result()
"""A ``result<T, E>`` held as a value (in a field, list or parameter)."""


class _EnumType(type):
    """Metaclass of ``Enum`` and ``Flag``: the class body's public int attributes become members.

    ``Cls(value)`` returns the member of that value, ``Cls["NAME"]`` the member of that name;
    iterating the class gives the members in definition order.
    """

    def __new__(metacls, name, bases, namespace):
        cls = super().__new__(metacls, name, bases, namespace)
        members = {}
        by_value = {}
        for key, value in namespace.items():
            if type(value) is int and key[:1] != "_":
                member = object.__new__(cls)
                member.name = key
                member.value = value
                setattr(cls, key, member)
                members[key] = member
                by_value[value] = member
        cls._member_map_ = members
        cls._value2member_map_ = by_value
        return cls

    def __call__(cls, value):
        member = cls._value2member_map_.get(value)
        return cls._missing_(value) if member is None else member

    def __iter__(cls):
        return iter(cls._member_map_.values())

    def __len__(cls):
        return len(cls._member_map_)

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __contains__(cls, member):
        return isinstance(member, cls)

    def __repr__(cls):
        return "<%s %r>" % ("flag" if issubclass(cls, Flag) else "enum", cls.__name__)


class Enum(metaclass=_EnumType):
    """Base of a WIT ``enum``: members with ``name`` and ``value`` (the case index)."""

    __slots__ = ("name", "value")

    @classmethod
    def _missing_(cls, value):
        raise ValueError("%r is not a valid %s" % (value, cls.__qualname__))

    def __repr__(self):
        return "<%s.%s: %r>" % (type(self).__name__, self.name, self.value)

    def __str__(self):
        return "%s.%s" % (type(self).__name__, self.name)

    def __reduce__(self):
        return type(self), (self.value,)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


class Flag(Enum):
    """Base of WIT ``flags``: bit i is flag i; members combine with ``|``, ``&``, ``^``, ``~``."""

    __slots__ = ()

    @classmethod
    def _missing_(cls, value):
        every = 0
        for member in cls._member_map_.values():
            every |= member.value
        if type(value) is not int or value < 0 or value & ~every:
            raise ValueError("%r is not a valid %s" % (value, cls.__qualname__))
        combined = object.__new__(cls)
        names = [m.name for m in cls._member_map_.values() if m.value & value]
        combined.name = "|".join(names) if names else None
        combined.value = value
        cls._value2member_map_[value] = combined
        return combined

    def _every(self):
        every = 0
        for member in type(self)._member_map_.values():
            every |= member.value
        return every

    def __or__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self.__class__(self.value | other.value)

    def __and__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self.__class__(self.value & other.value)

    def __xor__(self, other):
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self.__class__(self.value ^ other.value)

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__

    def __invert__(self):
        return self.__class__(self._every() & ~self.value)

    def __contains__(self, other):
        if other.__class__ is not self.__class__:
            raise TypeError("in needs a %s, not %s" % (type(self).__qualname__, type(other).__qualname__))
        return other.value & self.value == other.value

    def __iter__(self):
        return iter([m for m in type(self)._member_map_.values() if m.value & self.value])

    def __len__(self):
        return self.value.bit_count()

    def __bool__(self):
        return self.value != 0

    def __repr__(self):
        if self.name is None:
            return "<%s: %r>" % (type(self).__name__, self.value)
        return "<%s.%s: %r>" % (type(self).__name__, self.name, self.value)

    def __str__(self):
        if self.name is None:
            return "%s(%r)" % (type(self).__name__, self.value)
        return "%s.%s" % (type(self).__name__, self.name)
