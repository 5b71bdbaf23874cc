"""Images named by content (the deck back's logo): inside the content folder, PNG or JPEG, of bounded size.

Checked at load time so a wrong name, a file that is not an image, or a decompression bomb is a clear error
with file:line, not a failure while drawing.
"""

from __future__ import annotations

from pathlib import Path

from .paths import NotReadable, PathRefused, read_regular, resolve_inside

#: Documented limits (README "Limits").
MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
SIGNATURES = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}


def resolve_image(value: object, content_dir: Path) -> Path:
    """The image's resolved path; raises PathRefused (a ValueError) saying what is wrong and what is allowed."""
    path = resolve_inside(value, content_dir, [content_dir], "the content folder")
    if not path.is_file():
        raise PathRefused(f"no file {value!r} in the content folder; give the name of a PNG or JPEG file in it")
    size = path.stat().st_size
    if size > MAX_IMAGE_BYTES:
        raise PathRefused(f"{value!r} is {size} bytes; allowed: images up to {MAX_IMAGE_BYTES // 1024 // 1024} MiB")
    with path.open("rb") as handle:
        head = handle.read(8)
    if not any(head.startswith(signature) for signature in SIGNATURES):
        raise PathRefused(f"{value!r} is not a PNG or JPEG image; allowed: a .png or .jpg file")
    import io

    from PIL import Image

    try:
        data = read_regular(path, MAX_IMAGE_BYTES)  # what is decoded is what was checked: no second look
        with Image.open(io.BytesIO(data)) as image:  # the header first: the size, before any pixel is decoded
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise PathRefused(
                    f"{value!r} is {width} × {height} pixels; allowed: at most "
                    f"{MAX_IMAGE_PIXELS // 1_000_000} megapixels"
                )
            image.load()  # then every pixel: a truncated or corrupt file fails here, not while drawing
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, NotReadable) as exc:
        reason = str(exc).split(";")[0][:80]
        raise PathRefused(
            f"{value!r} cannot be read as an image ({reason}); allowed: a valid PNG or JPEG file"
        ) from None
    return path
