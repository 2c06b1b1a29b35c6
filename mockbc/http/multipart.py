"""``multipart/form-data`` bodies (image uploads), parsed in memory with python-multipart.

The pipeline reads the whole body first, under the same size cap as JSON, so nothing here
streams; a part without a name, a body the parser refuses, too many parts or a field that is
not UTF-8 text is a ``BadRequest``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header

from mockbc.domain import errors as e

MAX_PARTS = 16


@dataclass(frozen=True, slots=True)
class FilePart:
    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True, slots=True)
class Form:
    """The text fields and the files of a multipart body, by part name (the last part of a name wins)."""

    fields: dict[str, str] = field(default_factory=dict)
    files: dict[str, FilePart] = field(default_factory=dict)


def is_multipart(content_type: str | None) -> bool:
    return content_type is not None and content_type.split(";", 1)[0].strip().lower() == "multipart/form-data"


def parse(raw: bytes, content_type: str) -> Form:
    _, options = parse_options_header(content_type)
    boundary = options.get(b"boundary")
    if not boundary:
        raise e.BadRequest("multipart")
    parts: list[tuple[dict[bytes, bytes], bytearray]] = []
    header_name = bytearray()
    header_value = bytearray()

    def on_part_begin() -> None:
        if len(parts) >= MAX_PARTS:
            raise MultipartParseError("too many parts")
        parts.append(({}, bytearray()))

    def on_part_data(data: bytes, start: int, end: int) -> None:
        parts[-1][1].extend(data[start:end])

    def on_header_field(data: bytes, start: int, end: int) -> None:
        header_name.extend(data[start:end])

    def on_header_value(data: bytes, start: int, end: int) -> None:
        header_value.extend(data[start:end])

    def on_header_end() -> None:
        parts[-1][0][bytes(header_name).lower()] = bytes(header_value)
        header_name.clear()
        header_value.clear()

    callbacks = {
        "on_part_begin": on_part_begin, "on_part_data": on_part_data, "on_header_field": on_header_field,
        "on_header_value": on_header_value, "on_header_end": on_header_end,
    }  # fmt: skip
    try:
        parser = MultipartParser(boundary, callbacks)  # type: ignore[arg-type]
        parser.write(raw)
        parser.finalize()
    except MultipartParseError:
        raise e.BadRequest("multipart") from None
    form = Form()
    for headers, data in parts:
        _, disposition = parse_options_header(headers.get(b"content-disposition", b""))
        name = disposition.get(b"name")
        if name is None:
            raise e.BadRequest("multipart")
        try:
            key = name.decode("utf-8")
            filename = disposition.get(b"filename")
            if filename is None:
                form.fields[key] = bytes(data).decode("utf-8")
            else:
                kind = headers.get(b"content-type", b"application/octet-stream").decode("latin-1")
                form.files[key] = FilePart(filename.decode("utf-8", "replace"), kind, bytes(data))
        except UnicodeDecodeError:
            raise e.BadRequest("multipart") from None
    return form
