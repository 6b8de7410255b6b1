"""cpdt: an offline, cited reference on Vietnamese e-government (Chính phủ điện tử)."""

__version__ = "0.1.0"
