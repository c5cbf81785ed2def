"""Schemathesis hooks for the API fuzzing step (`cargo xtask test`).

Credit repair documents may be PDFs (`application/pdf`), a media type
schemathesis cannot make by itself: it sends these, a well-formed PDF and a
file that only claims to be one.
"""

import schemathesis
from hypothesis import strategies as st

schemathesis.openapi.media_type(
    "application/pdf",
    st.sampled_from(
        [
            b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
            b"%PDF-1.4\nno end of file marker",
            b"not a pdf at all",
        ]
    ),
)
