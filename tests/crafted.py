"""Hostile files, built small: a zip bomb, a PDF of thousands of pages, a page that claims 1 dpi.

Each is a few kilobytes to a megabyte on disk and takes well under a second to build; what it
would cost to read is what the limits in zhengce/limits.py are for.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

_MB = 1 << 20


def zip_bomb(path: Path, inflated_mb: int, members: int = 1) -> Path:
    """A .docx-named zip whose `members` members each inflate to `inflated_mb` MB of zeros.

    A deflate stream of zeros flushed after each MB repeats byte for byte, so the compressed
    member is one MB's block written `inflated_mb` times: 1 GB costs 1 MB on disk.
    """
    z = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = z.compress(b"\0" * _MB) + z.flush(zlib.Z_FULL_FLUSH)
    data = block * inflated_mb + z.flush(zlib.Z_FINISH)
    crc = 0
    zeros = b"\0" * _MB
    for _ in range(inflated_mb):
        crc = zlib.crc32(zeros, crc)
    size = inflated_mb * _MB
    local, central = io.BytesIO(), io.BytesIO()
    for i in range(members):
        name = (f"word/document{i or ''}.xml").encode()
        offset = local.tell()
        local.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size, len(name), 0))
        local.write(name + data)
        central.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(data), size,
                                  len(name), 0, 0, 0, 0, 0, offset))
        central.write(name)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, members, members, central.tell(), local.tell(), 0)
    path.write_bytes(local.getvalue() + central.getvalue() + end)
    return path


def pdf_of(objects: list[bytes]) -> bytes:
    """A PDF of `objects` (object i+1 is objects[i]; 1 is the catalog) with a correct xref table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def many_pages_pdf(path: Path, pages: int) -> Path:
    """A PDF of `pages` blank pages (all sharing one empty content stream)."""
    first = 4
    kids = b" ".join(b"%d 0 R" % (first + i) for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
               b"<< /Length 0 >>\nstream\n\nendstream"]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>"] * pages
    path.write_bytes(pdf_of(objects))
    return path


def tiny_dpi_pdf(path: Path, pixels: int = 200, points: int = 14400) -> Path:
    """An image-only PDF: one grey `pixels`-square image stretched over a page `points` wide (14400 pt = 200 in,
    the largest page the PDF spec allows), so the scan claims 1 dpi and rendering it at 300 dpi would take
    60,000 pixels a side."""
    image = bytes([200]) * (pixels * pixels)
    content = b"q %d 0 0 %d 0 0 cm /Im0 Do Q" % (points, points)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R "
               b"/Resources << /XObject << /Im0 5 0 R >> >> >>" % (points, points),
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
               b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
               b"/BitsPerComponent 8 /Length %d >>\nstream\n%s\nendstream" % (pixels, pixels, len(image), image)]
    path.write_bytes(pdf_of(objects))
    return path

