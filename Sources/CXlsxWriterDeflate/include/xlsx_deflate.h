// Nothing to call: linking this target is what makes libxlsxwriter's workbooks deflate at
// zlib's fastest level, a large part on every core (see xlsx_deflate.c).
