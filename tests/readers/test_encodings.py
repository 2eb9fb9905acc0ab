from __future__ import annotations

import pytest

from koryo.errors import BinaryFile, EmptyFile, UnknownEncoding
from koryo.readers import read_bytes

RUSSIAN = (
    "= Корё-сарам =\n\nВ 1937 году около 172 тысяч корейцев были депортированы с Дальнего Востока "
    "в Казахстан и Узбекистан. Их потомков называют корё-сарам.\n"
)


@pytest.mark.parametrize(
    "encoding, expected",
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8"), ("utf-16", "utf-16"), ("utf-16-le", "utf-16-le"), ("cp1251", "windows-1251"), ("koi8-r", "koi8-r")],
)
def test_encodings_are_detected(encoding: str, expected: str) -> None:
    source, doc = read_bytes("ru.txt", RUSSIAN.encode(encoding))
    assert source.encoding.replace("_", "-").lower() in (expected, expected.replace("windows-", "cp"))
    assert doc.title == "Корё-сарам"
    assert "около 172 тысяч корейцев" in doc.text
    assert doc.language == "ru"


def test_windows_line_ends_are_normalised() -> None:
    _, doc = read_bytes("a.txt", b"First line.\r\nSecond line.\r\n")
    assert doc.text == "First line.\nSecond line."


@pytest.mark.parametrize(
    "data, error, reason",
    [
        (b"", EmptyFile, "empty file"),
        (b"\n  \n", EmptyFile, "empty file"),
        (bytes(range(256)) * 4, BinaryFile, "binary file"),
        (bytes(range(0x80, 0x100)) * 8, UnknownEncoding, "text encoding could not be detected"),
    ],
)
def test_unreadable_bytes(data: bytes, error: type[Exception], reason: str) -> None:
    with pytest.raises(error) as exc:
        read_bytes("bad.txt", data)
    assert str(exc.value).startswith(f"bad.txt: {reason}")
