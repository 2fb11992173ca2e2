// Nothing to call: linking this target is what makes libxlsxwriter deflate at zlib's fastest
// level (see zip_level.c).
