// The C boundary between NameCanon and system ICU.
//
// ICU's C API reaches Swift only through this shim: ICU renames every function with its
// version (utrans_openU_72) by macro, and Swift cannot import function-like macros. Debian's
// libicu exports only the suffixed names, so U_DISABLE_RENAMING is not an option either.
// The header uses stdint types and opaque handles only, so nothing ICU-typed leaks out.
#ifndef CICU_H
#define CICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// An open ICU transliterator (a UTransliterator behind an opaque pointer).
typedef struct CICU_Translit CICU_Translit;

/// Opens a system transliterator by ID ("Han-Latin/Names", "Any-Latin; Latin-ASCII").
/// `status` receives ICU's UErrorCode; > 0 is a failure and NULL is returned.
CICU_Translit *CICU_translit_open_id(const uint16_t *id, int32_t id_len, int32_t *status);

/// Compiles a transliterator from rules text. On a syntax error returns NULL and reports
/// the 1-based line and the offset within it, so rule files can be fixed by a person.
CICU_Translit *CICU_translit_open_rules(const uint16_t *id, int32_t id_len,
                                        const uint16_t *rules, int32_t rules_len,
                                        int32_t *error_line, int32_t *error_offset,
                                        int32_t *status);

/// Transliterates `text` (UTF-16, `*len` units) in place; `capacity` is the buffer size.
/// When the result does not fit, status is U_BUFFER_OVERFLOW_ERROR (15) and `*len` holds
/// the length needed, so the caller can retry with a larger buffer.
void CICU_translit_run(const CICU_Translit *t, uint16_t *text, int32_t *len,
                       int32_t capacity, int32_t *status);

/// Closes a transliterator opened by one of the functions above.
void CICU_translit_close(CICU_Translit *t);

/// An open ICU spoof checker (a USpoofChecker behind an opaque pointer), set up for the
/// restriction-level check only: whether one word mixes scripts no writing system mixes.
typedef struct CICU_Spoof CICU_Spoof;

/// Opens a spoof checker at ICU's highly restrictive level (one script, or Latin with Han and
/// kana, Han with Bopomofo, or Han with Hangul). NULL with `status` > 0 on failure.
CICU_Spoof *CICU_spoof_open(int32_t *status);

/// 1 when `text` (one word, UTF-16) is looser than the checker's restriction level, else 0.
/// Safe to call from several threads on one checker (ICU's checks are const).
int32_t CICU_spoof_mixed(const CICU_Spoof *s, const uint16_t *text, int32_t len, int32_t *status);

/// Writes the UTS #39 confusable skeleton of `text` into `dest`; returns the length needed
/// (which may exceed `capacity`, with status U_BUFFER_OVERFLOW_ERROR).
int32_t CICU_spoof_skeleton(const CICU_Spoof *s, const uint16_t *text, int32_t len,
                            uint16_t *dest, int32_t capacity, int32_t *status);

/// Closes a checker opened by CICU_spoof_open.
void CICU_spoof_close(CICU_Spoof *s);

/// ICU's script code (UScriptCode) of one code point: 0 Common, 1 Inherited, 25 Latin, ...
int32_t CICU_script(int32_t codepoint);

/// Normalization forms for CICU_normalize.
enum { CICU_NFC = 0, CICU_NFD = 1, CICU_NFKC = 2, CICU_NFKD = 3 };

/// Normalizes UTF-16 `src` into `dest`; returns the length needed (which may exceed
/// `capacity`, with status U_BUFFER_OVERFLOW_ERROR).
int32_t CICU_normalize(int32_t form, const uint16_t *src, int32_t len,
                       uint16_t *dest, int32_t capacity, int32_t *status);

/// Writes ICU's version ("72.1") into `buffer` (at least 32 bytes).
void CICU_version(char *buffer, int32_t capacity);

/// Unicode version of the ICU data ("15.0").
void CICU_unicode_version(char *buffer, int32_t capacity);

/// The symbolic name of an ICU error code ("U_INVALID_ID").
const char *CICU_error_name(int32_t status);

#ifdef __cplusplus
}
#endif
#endif
