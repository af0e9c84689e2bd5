"""Numpy arrays of Arrow ones and back, straight from their buffers.

pyarrow's own conversions (`Array.to_numpy`, `pa.array` of numpy or Python values, Python
scalars) first import pandas when it is installed (it is: OR-Tools needs it), half a CPU second
a process; a scan converts with these instead (the Python values of a sample too), and so never
imports it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pyarrow as pa

_NUMPY_TYPES = {
    pa.int8(): np.int8,
    pa.int16(): np.int16,
    pa.int32(): np.int32,
    pa.int64(): np.int64,
    pa.uint8(): np.uint8,
    pa.uint16(): np.uint16,
    pa.uint32(): np.uint32,
    pa.uint64(): np.uint64,
    pa.float64(): np.float64,
    pa.date32(): np.int32,  # days since 1970-01-01
}


def _bits(buffer: pa.Buffer, offset: int, size: int) -> np.ndarray[Any, np.dtype[np.bool_]]:
    packed = np.frombuffer(buffer, dtype=np.uint8)
    return np.unpackbits(packed, bitorder="little")[offset : offset + size].astype(np.bool_)


def numpy_of(array: pa.Array, fill: int = 0) -> np.ndarray[Any, Any]:
    """The values of a boolean, integer, float64 or date32 array (date32 as days since
    1970-01-01), nulls as `fill`."""
    validity, data = array.buffers()[:2]
    size, offset = len(array), array.offset
    if pa.types.is_boolean(array.type):
        values: np.ndarray[Any, Any] = _bits(data, offset, size) if size else np.zeros(0, dtype=np.bool_)
    else:
        kind = _NUMPY_TYPES[array.type]
        values = np.frombuffer(data, dtype=kind)[offset : offset + size] if size else np.zeros(0, kind)
    if array.null_count:
        values = np.where(_bits(validity, offset, size), values, np.asarray(fill).astype(values.dtype))
    return values


def arrow_of(values: np.ndarray[Any, Any]) -> pa.Array:
    """A boolean numpy array as an Arrow boolean array; integers as int64 (sharing the buffer)."""
    if values.dtype == np.bool_:
        packed = np.packbits(values, bitorder="little")
        return pa.Array.from_buffers(pa.bool_(), len(values), [None, pa.py_buffer(packed)])
    numbers = np.ascontiguousarray(values, dtype=np.int64)
    return pa.Array.from_buffers(pa.int64(), len(numbers), [None, pa.py_buffer(numbers)])


def strings_of(texts: list[str]) -> pa.Array:
    """Python texts as an Arrow string array."""
    return python_array(texts, str)


_EPOCH_DAY = dt.date(1970, 1, 1).toordinal()
_EPOCH = dt.datetime(1970, 1, 1)
_MICROSECOND = dt.timedelta(microseconds=1)


def python_array(values: Sequence[object], kind: type) -> pa.Array:
    """Python values all of type `kind` (None aside) as the Arrow array `pa.array` makes of them:
    str, int (int64; one past 64 bits is an OverflowError), float, bool, date or a datetime
    without a time zone (`timestamp[us]`)."""
    present = np.fromiter((value is not None for value in values), dtype=np.bool_, count=len(values))
    nulls = len(values) - int(present.sum())
    validity = pa.py_buffer(np.packbits(present, bitorder="little")) if nulls else None
    if kind is str:
        encoded = [b"" if text is None else str(text).encode() for text in values]
        offsets = np.zeros(len(encoded) + 1, dtype=np.int32)
        np.cumsum([len(data) for data in encoded], out=offsets[1:])
        buffers = [validity, pa.py_buffer(offsets), pa.py_buffer(b"".join(encoded))]
        return pa.Array.from_buffers(pa.string(), len(values), buffers, null_count=nulls)
    plain: dict[type, tuple[pa.DataType, Any, Callable[[Any], object]]] = {
        int: (pa.int64(), np.int64, int),
        float: (pa.float64(), np.float64, float),
        dt.date: (pa.date32(), np.int32, lambda day: day.toordinal() - _EPOCH_DAY),
        dt.datetime: (pa.timestamp("us"), np.int64, lambda stamp: (stamp - _EPOCH) // _MICROSECOND),
    }
    if kind is bool:
        flags = np.fromiter((bool(value) for value in values), dtype=np.bool_, count=len(values))
        data = pa.py_buffer(np.packbits(flags, bitorder="little"))
        return pa.Array.from_buffers(pa.bool_(), len(values), [validity, data], null_count=nulls)
    arrow_type, numpy_type, number = plain[kind]
    numbers = np.array([0 if value is None else number(value) for value in values], dtype=numpy_type)
    return pa.Array.from_buffers(arrow_type, len(values), [validity, pa.py_buffer(numbers)], null_count=nulls)
