// The C side of the fuzz targets is only the declaration in include/cfuzzer.h.
