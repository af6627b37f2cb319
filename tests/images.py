"""Real image files made with Pillow for the evidence tests."""

import io

from PIL import Image

GPS_IFD = 0x8825
ORIENTATION = 0x0112
MAKE, MODEL = 0x010F, 0x0110


def jpeg_bytes(size=(64, 48), color="red", *, gps: bool = False, orientation: int | None = None) -> bytes:
    """A JPEG, optionally with GPS coordinates, camera make and an orientation tag in EXIF."""
    image = Image.new("RGB", size, color)
    exif = Image.Exif()
    if gps:
        exif[MAKE] = "CanaryCam"
        exif[MODEL] = "Leaky 3000"
        exif.get_ifd(GPS_IFD).update({1: "N", 2: (36.0, 12.0, 30.0), 3: "E", 4: (37.0, 7.0, 15.0)})
    if orientation:
        exif[ORIENTATION] = orientation
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes(), comment=b"canary-comment")
    return buffer.getvalue()


def png_bytes(size=(32, 32)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", size, (0, 128, 0, 128)).save(buffer, format="PNG")
    return buffer.getvalue()
