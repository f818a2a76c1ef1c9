#include "cicu.h"

#include <string.h>
#include <unicode/uclean.h>
#include <unicode/unorm2.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>

CICU_Translit *CICU_translit_open_id(const uint16_t *id, int32_t id_len, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    UTransliterator *t = utrans_openU((const UChar *)id, id_len, UTRANS_FORWARD, NULL, 0, NULL, &err);
    *status = (int32_t)err;
    if (U_FAILURE(err)) return NULL;
    return (CICU_Translit *)t;
}

CICU_Translit *CICU_translit_open_rules(const uint16_t *id, int32_t id_len,
                                        const uint16_t *rules, int32_t rules_len,
                                        int32_t *error_line, int32_t *error_offset,
                                        int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    UParseError parse;
    memset(&parse, 0, sizeof parse);
    UTransliterator *t = utrans_openU((const UChar *)id, id_len, UTRANS_FORWARD,
                                      (const UChar *)rules, rules_len, &parse, &err);
    *status = (int32_t)err;
    *error_line = parse.line;
    *error_offset = parse.offset;
    if (U_FAILURE(err)) return NULL;
    return (CICU_Translit *)t;
}

void CICU_translit_run(const CICU_Translit *t, uint16_t *text, int32_t *len,
                       int32_t capacity, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    int32_t limit = *len;
    utrans_transUChars((const UTransliterator *)t, (UChar *)text, len, capacity, 0, &limit, &err);
    *status = (int32_t)err;
}

void CICU_translit_close(CICU_Translit *t) {
    if (t) utrans_close((UTransliterator *)t);
}

int32_t CICU_normalize(int32_t form, const uint16_t *src, int32_t len,
                       uint16_t *dest, int32_t capacity, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *n = NULL;
    switch (form) {
    case CICU_NFD: n = unorm2_getNFDInstance(&err); break;
    case CICU_NFKC: n = unorm2_getNFKCInstance(&err); break;
    case CICU_NFKD: n = unorm2_getNFKDInstance(&err); break;
    default: n = unorm2_getNFCInstance(&err); break;
    }
    if (U_FAILURE(err)) { *status = (int32_t)err; return 0; }
    int32_t out = unorm2_normalize(n, (const UChar *)src, len, (UChar *)dest, capacity, &err);
    *status = (int32_t)err;
    return out;
}

void CICU_version(char *buffer, int32_t capacity) {
    UVersionInfo v;
    u_getVersion(v);
    char tmp[U_MAX_VERSION_STRING_LENGTH];
    u_versionToString(v, tmp);
    strncpy(buffer, tmp, (size_t)capacity - 1);
    buffer[capacity - 1] = 0;
}

void CICU_unicode_version(char *buffer, int32_t capacity) {
    UVersionInfo v;
    u_getUnicodeVersion(v);
    char tmp[U_MAX_VERSION_STRING_LENGTH];
    u_versionToString(v, tmp);
    strncpy(buffer, tmp, (size_t)capacity - 1);
    buffer[capacity - 1] = 0;
}

const char *CICU_error_name(int32_t status) {
    return u_errorName((UErrorCode)status);
}

CICU_Spoof *CICU_spoof_open(int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    USpoofChecker *s = uspoof_open(&err);
    if (U_SUCCESS(err)) {
        uspoof_setChecks(s, USPOOF_RESTRICTION_LEVEL, &err);
        uspoof_setRestrictionLevel(s, USPOOF_HIGHLY_RESTRICTIVE);
    }
    *status = (int32_t)err;
    if (U_FAILURE(err)) {
        if (s) uspoof_close(s);
        return NULL;
    }
    return (CICU_Spoof *)s;
}

int32_t CICU_spoof_mixed(const CICU_Spoof *s, const uint16_t *text, int32_t len, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    int32_t result = uspoof_check((const USpoofChecker *)s, (const UChar *)text, len, NULL, &err);
    *status = (int32_t)err;
    return U_SUCCESS(err) && (result & USPOOF_RESTRICTION_LEVEL) ? 1 : 0;
}

int32_t CICU_spoof_skeleton(const CICU_Spoof *s, const uint16_t *text, int32_t len,
                            uint16_t *dest, int32_t capacity, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    int32_t needed = uspoof_getSkeleton((const USpoofChecker *)s, 0, (const UChar *)text, len,
                                        (UChar *)dest, capacity, &err);
    *status = (int32_t)err;
    return needed;
}

void CICU_spoof_close(CICU_Spoof *s) { uspoof_close((USpoofChecker *)s); }

int32_t CICU_script(int32_t codepoint) {
    UErrorCode err = U_ZERO_ERROR;
    UScriptCode code = uscript_getScript(codepoint, &err);
    return U_SUCCESS(err) ? (int32_t)code : 0;
}
