/* One pass over a message, in C: its folded form and the cheap looks ("gates") the detectors ask.
 *
 * The Python pipeline asks a dozen questions of every message before it runs a costly detector
 * ("is there a digit?", "eight digits?", "a letter then two digits?"). Each was a regex scan of the
 * whole text, about a microsecond each; here they are answered in one scan. Every flag is a
 * necessary condition of the regex it stands for (it may say yes where the regex says no, never
 * the reverse), so a detector behind a flag finds exactly what it found behind its regex: the
 * tests check each flag against its regex, and the folded text against the Python folding.
 *
 * The folding is the one of ``normalize.fold``: lower case, then the folding table (built in
 * Python and handed over once by ``configure``), then leetspeak undone between letters. Texts whose
 * lower case depends on context (a Greek capital sigma) are left to Python: ``prescan`` returns
 * None for the folded text and every flag set.
 *
 * ``learned_score`` sums the weights of the learned layer (``filiere/extract/learned.py``) over the
 * hashed features of a folded text: its words, pairs of words and the three- and four-character
 * pieces of each word, split on ASCII white space, hashed by FNV-1a over code points. The Python
 * module holds the reference of the features; the tests check both give the same sum.
 * ``learned_sums`` sums the columns of a matrix of weights (one row per feature: the categories'
 * models) over the same features, ``learned_indices`` gives the features' indices (to test it),
 * and ``learned_words`` each word's weight, in the configured weights or in others given.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

/* Keep in step with filiere/extract/prescan.py (checked at import). */
#define PRESCAN_VERSION 3

enum {
    F_DIGIT = 1 << 0,    /* \d */
    F_PHONE = 1 << 1,    /* at least eight digits */
    F_LINK = 1 << 2,     /* [a-zA-Z0-9]\.[a-zA-Z]{2} */
    F_IBAN = 1 << 3,     /* [A-Za-z]{2}\d\d */
    F_LONG = 1 << 4,     /* [A-Za-z0-9]{25} */
    F_HOURS = 1 << 5,    /* \d\s?[h:ap] (any case) */
    F_ARR = 1 << 6,      /* \d\s?[eèia] (any case) */
    F_POSTCODE = 1 << 7, /* \d{5} */
    F_LIST = 1 << 8,     /* \d\d\s?[/,\-–]\s?\d\d */
    F_DEPT = 1 << 9,     /* \s\d[\dabAB] */
    F_STREET = 1 << 10,  /* \d\s?\w{0,3},?\s\w : a number before a street's type */
    F_LEET = 1 << 11,    /* leetspeak was undone in the folded text */
    F_SPACED = 1 << 12,  /* " [a-z] [a-z] " in the folded text, or its second character is a space */
    F_REPEAT = 1 << 13,  /* ([a-z])\1\1 in the folded text */
    F_AT = 1 << 14,      /* '@' */
    F_DOT = 1 << 15,     /* '.' */
    F_ALL = (1 << 16) - 1,
};

#define STACK_CHARS 512

static Py_UCS4 *fold_table = NULL; /* lower-cased code point -> folded code point */
static Py_ssize_t fold_size = 0;
static PyObject *fold_owner = NULL; /* the bytes object that holds the table */

static inline int is_az(Py_UCS4 c) { return c >= 'a' && c <= 'z'; }
static inline int is_ascii_alpha(Py_UCS4 c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static inline int is_ascii_alnum(Py_UCS4 c) { return is_ascii_alpha(c) || (c >= '0' && c <= '9'); }

static inline Py_UCS4 unleet(Py_UCS4 c)
{
    switch (c) {
    case '0': return 'o';
    case '1': return 'i';
    case '3': return 'e';
    case '4': return 'a';
    case '5': return 's';
    case '7': return 't';
    case '@': return 'a';
    case '$': return 's';
    default: return 0;
    }
}

/* The flags read on the original text. */
static int original_flags(int kind, const void *data, Py_ssize_t n)
{
    int flags = 0;
    Py_ssize_t digits = 0, run = 0, alnum_run = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c == '@') flags |= F_AT;
        else if (c == '.') {
            flags |= F_DOT;
            if (i > 0 && i + 2 < n && is_ascii_alnum(PyUnicode_READ(kind, data, i - 1))
                && is_ascii_alpha(PyUnicode_READ(kind, data, i + 1))
                && is_ascii_alpha(PyUnicode_READ(kind, data, i + 2)))
                flags |= F_LINK;
        }
        alnum_run = is_ascii_alnum(c) ? alnum_run + 1 : 0;
        if (alnum_run >= 25) flags |= F_LONG;
        if (!Py_UNICODE_ISDECIMAL(c)) {
            run = 0;
            continue;
        }
        flags |= F_DIGIT;
        digits++;
        run++;
        if (run >= 5) flags |= F_POSTCODE;
        if (i >= 2 && is_ascii_alpha(PyUnicode_READ(kind, data, i - 1)) && is_ascii_alpha(PyUnicode_READ(kind, data, i - 2))
            && i + 1 < n && Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, i + 1)))
            flags |= F_IBAN;
        if (i >= 1 && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i - 1)) && i + 1 < n) {
            Py_UCS4 next = PyUnicode_READ(kind, data, i + 1);
            if (Py_UNICODE_ISDECIMAL(next) || next == 'a' || next == 'b' || next == 'A' || next == 'B') flags |= F_DEPT;
        }
        /* What follows the digit, after at most one space. */
        Py_ssize_t j = i + 1;
        if (j < n && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, j))) j++;
        if (j < n) {
            Py_UCS4 next = PyUnicode_READ(kind, data, j);
            switch (next) {
            case 'h': case 'H': case ':': case 'p': case 'P':
                flags |= F_HOURS;
                break;
            case 'a': case 'A':
                flags |= F_HOURS | F_ARR;
                break;
            case 'e': case 'E': case 'i': case 'I': case 0xE8: case 0xC8: case 0x130: case 0x131:
                flags |= F_ARR;
                break;
            default:
                break;
            }
        }
        /* "92/93", "92 - 93": two digits, a separator, two digits. */
        if (i >= 1 && Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, i - 1))) {
            Py_ssize_t k = i + 1;
            if (k < n && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k))) k++;
            if (k < n) {
                Py_UCS4 sep = PyUnicode_READ(kind, data, k);
                if (sep == '/' || sep == ',' || sep == '-' || sep == 0x2013) {
                    k++;
                    if (k < n && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, k))) k++;
                    if (k + 1 < n && Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, k))
                        && Py_UNICODE_ISDECIMAL(PyUnicode_READ(kind, data, k + 1)))
                        flags |= F_LIST;
                }
            }
        }
        /* A number before a street's type: "12 rue", "4bis, av.", "3  rue". The optional space
         * after the number may also be the one before the type: both readings are tried. */
        if (!(flags & F_STREET)) {
            Py_ssize_t first = i + 1;
            int spaced = first < n && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, first));
            for (Py_ssize_t k = first; k <= first + spaced && !(flags & F_STREET); k++) {
                Py_ssize_t at = k;
                for (int letters = 0; letters <= 3; letters++) {
                    Py_ssize_t m = at;
                    if (m < n && PyUnicode_READ(kind, data, m) == ',') m++;
                    if (m + 1 < n && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, m))
                        && Py_UNICODE_ISALPHA(PyUnicode_READ(kind, data, m + 1))) {
                        flags |= F_STREET;
                        break;
                    }
                    if (at >= n || !Py_UNICODE_ISALPHA(PyUnicode_READ(kind, data, at))) break;
                    at++;
                }
            }
        }
    }
    if (digits >= 8) flags |= F_PHONE;
    return flags;
}

/* The flags read on the folded text. */
static int folded_flags(const Py_UCS4 *f, Py_ssize_t n)
{
    int flags = 0;
    if (n > 1 && f[1] == ' ') flags |= F_SPACED;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (i + 4 < n && f[i] == ' ' && is_az(f[i + 1]) && f[i + 2] == ' ' && is_az(f[i + 3]) && f[i + 4] == ' ')
            flags |= F_SPACED;
        if (i + 2 < n && is_az(f[i]) && f[i + 1] == f[i] && f[i + 2] == f[i]) flags |= F_REPEAT;
    }
    return flags;
}

/* The checks of every entry point: the argument is a str, and the table it reads was configured. */
static int usable(PyObject *arg, const void *table, const char *name, const char *configure)
{
    if (!PyUnicode_Check(arg)) {
        PyErr_Format(PyExc_TypeError, "%s() takes a str", name);
        return 0;
    }
    if (table == NULL) {
        PyErr_Format(PyExc_RuntimeError, "%s() before %s()", name, configure);
        return 0;
    }
    return PyUnicode_READY(arg) == 0;
}

static PyObject *prescan(PyObject *self, PyObject *arg)
{
    if (!usable(arg, fold_table, "prescan", "configure")) return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(arg);
    int kind = PyUnicode_KIND(arg);
    const void *data = PyUnicode_DATA(arg);
    int flags = original_flags(kind, data, n);

    Py_UCS4 stack[STACK_CHARS];
    Py_UCS4 *out = n <= STACK_CHARS ? stack : PyMem_Malloc(sizeof(Py_UCS4) * (size_t)(n ? n : 1));
    if (out == NULL) return PyErr_NoMemory();
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c == 0x3A3) { /* capital sigma: its lower case depends on the letters around it */
            if (out != stack) PyMem_Free(out);
            return Py_BuildValue("(Oi)", Py_None, F_ALL);
        }
        if (c >= 'A' && c <= 'Z') c += 32;
        else if (c >= 128) c = c == 0x130 ? 'i' : Py_UNICODE_TOLOWER(c); /* 'İ': str.lower() gives two */
        if (c < (Py_UCS4)fold_size) c = fold_table[c];
        out[i] = c;
    }
    /* Leetspeak between letters: "c0ke", "b3uh", "m@d". */
    for (Py_ssize_t i = 0; i + 2 < n; i++) {
        if (!is_az(out[i]) || !unleet(out[i + 1])) continue;
        Py_ssize_t j = i + 1;
        while (j < n && unleet(out[j])) j++;
        if (j < n && is_az(out[j])) {
            for (Py_ssize_t k = i + 1; k < j; k++) out[k] = unleet(out[k]);
            flags |= F_LEET;
        }
        i = j - 1;
    }
    flags |= folded_flags(out, n);
    PyObject *folded = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, out, n);
    if (out != stack) PyMem_Free(out);
    if (folded == NULL) return NULL;
    PyObject *result = Py_BuildValue("(Ni)", folded, flags);
    return result;
}

static PyObject *configure(PyObject *self, PyObject *arg)
{
    if (!PyBytes_Check(arg) || PyBytes_GET_SIZE(arg) % sizeof(Py_UCS4) != 0) {
        PyErr_SetString(PyExc_TypeError, "configure() takes bytes of native 32-bit code points");
        return NULL;
    }
    Py_ssize_t size = PyBytes_GET_SIZE(arg) / (Py_ssize_t)sizeof(Py_UCS4);
    const Py_UCS4 *table = (const Py_UCS4 *)PyBytes_AS_STRING(arg);
    for (Py_ssize_t i = 0; i < size; i++) {
        if (table[i] > 0x10FFFF) {
            PyErr_SetString(PyExc_ValueError, "configure(): a folded value is not a code point");
            return NULL;
        }
    }
    Py_INCREF(arg);
    Py_XDECREF(fold_owner);
    fold_owner = arg;
    fold_table = (Py_UCS4 *)PyBytes_AS_STRING(arg);
    fold_size = size;
    Py_RETURN_NONE;
}

/* ---- The learned layer: the sum of a linear model's weights over hashed n-gram features ---- */

static float *learned_weights = NULL;
static uint32_t learned_mask = 0;
static PyObject *learned_owner = NULL; /* the bytes object that holds the weights */

#define FNV_OFFSET 2166136261u
#define FNV_PRIME 16777619u
enum { FEATURE_WORD = 1, FEATURE_PAIR = 2, FEATURE_PIECE = 3 };

static inline uint32_t fnv_start(uint32_t kind) { return (FNV_OFFSET ^ kind) * FNV_PRIME; }
static inline uint32_t fnv_add(uint32_t h, Py_UCS4 c) { return (h ^ (uint32_t)c) * FNV_PRIME; }
static inline int is_blank(Py_UCS4 c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

/* The index of every feature among mask + 1 weights, in the order of ``learned.features``: each
 * word's own features (the word, then its pieces: 2 per character), word after word, then the
 * pairs. ``out`` holds 3 * n + 1 of them (2 own features per character, a pair per word). */
static Py_ssize_t feature_indices(int kind, const void *data, Py_ssize_t n, uint32_t mask, uint32_t *out)
{
    Py_ssize_t count = 0, words = 0;
    Py_ssize_t i = 0;
    while (i < n) { /* own features, word after word */
        while (i < n && is_blank(PyUnicode_READ(kind, data, i))) i++;
        if (i >= n) break;
        Py_ssize_t start = i;
        while (i < n && !is_blank(PyUnicode_READ(kind, data, i))) i++;
        uint32_t h = fnv_start(FEATURE_WORD);
        for (Py_ssize_t k = start; k < i; k++) h = fnv_add(h, PyUnicode_READ(kind, data, k));
        out[count++] = h & mask;
        Py_ssize_t length = i - start + 2;
        for (int size = 3; size <= 4; size++) {
            for (Py_ssize_t at = 0; at + size <= length; at++) {
                h = fnv_start(FEATURE_PIECE);
                for (Py_ssize_t k = at; k < at + size; k++) {
                    Py_UCS4 c = k == 0 ? '<' : k == length - 1 ? '>' : PyUnicode_READ(kind, data, start + k - 1);
                    h = fnv_add(h, c);
                }
                out[count++] = h & mask;
            }
        }
        words++;
    }
    Py_ssize_t previous_start = -1, previous_end = -1;
    i = 0;
    while (words > 1 && i < n) { /* the pairs "previous word" + " " + "word" */
        while (i < n && is_blank(PyUnicode_READ(kind, data, i))) i++;
        if (i >= n) break;
        Py_ssize_t start = i;
        while (i < n && !is_blank(PyUnicode_READ(kind, data, i))) i++;
        if (previous_start >= 0) {
            uint32_t h = fnv_start(FEATURE_PAIR);
            for (Py_ssize_t k = previous_start; k < previous_end; k++) h = fnv_add(h, PyUnicode_READ(kind, data, k));
            h = fnv_add(h, ' ');
            for (Py_ssize_t k = start; k < i; k++) h = fnv_add(h, PyUnicode_READ(kind, data, k));
            out[count++] = h & mask;
        }
        previous_start = start;
        previous_end = i;
    }
    return count;
}

/* The indices of a text's features among mask + 1 weights: in ``stack`` (3 * STACK_CHARS + 1 of
 * them) when they fit, else allocated (free them if they are not ``stack``). NULL: no memory. */
static uint32_t *indices_of(PyObject *text, uint32_t mask, uint32_t *stack, Py_ssize_t *count)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (n > PY_SSIZE_T_MAX / 16) {
        PyErr_NoMemory();
        return NULL;
    }
    uint32_t *indices = n <= STACK_CHARS ? stack : PyMem_Malloc(sizeof(uint32_t) * (size_t)(3 * n + 1));
    if (indices == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    *count = feature_indices(PyUnicode_KIND(text), PyUnicode_DATA(text), n, mask, indices);
    return indices;
}

static PyObject *learned_score(PyObject *self, PyObject *arg)
{
    if (!usable(arg, learned_weights, "learned_score", "learned_configure")) return NULL;
    uint32_t stack[3 * STACK_CHARS + 1];
    Py_ssize_t count;
    uint32_t *indices = indices_of(arg, learned_mask, stack, &count);
    if (indices == NULL) return NULL;
    double sum = 0.0;
    for (Py_ssize_t f = 0; f < count; f++) sum += learned_weights[indices[f]];
    if (indices != stack) PyMem_Free(indices);
    return PyFloat_FromDouble(sum);
}

/* Column ``at`` of a row-major matrix of native float32 given as bytes, ``k`` per row and a power
 * of two of rows: its first weight, the stride between rows and the mask of the row indices. */
static int column_of(PyObject *bytes, int k, int at, const float **weights, Py_ssize_t *stride, uint32_t *mask)
{
    Py_ssize_t rows = k >= 1 && k <= 64 ? PyBytes_GET_SIZE(bytes) / (Py_ssize_t)sizeof(float) / k : 0;
    if (at < 0 || at >= k || rows < 2 || rows > (1 << 24) || (rows & (rows - 1)) != 0
        || rows * k * (Py_ssize_t)sizeof(float) != PyBytes_GET_SIZE(bytes)) {
        PyErr_SetString(PyExc_ValueError, "weights: a power of two of rows of k (1 to 64) float32, column 0 <= at < k");
        return 0;
    }
    *weights = (const float *)PyBytes_AS_STRING(bytes) + at;
    *stride = k;
    *mask = (uint32_t)(rows - 1);
    return 1;
}

/* Each word with what it weighs: its own features (2 per character, in order) and half of each
 * pair it is in (the pairs come last); in the configured weights, or in column ``at`` of a matrix
 * of ``k`` columns given. */
static PyObject *learned_words(PyObject *self, PyObject *args)
{
    PyObject *arg, *given = NULL;
    int k = 1, at = 0;
    if (!PyArg_ParseTuple(args, "U|O!ii:learned_words", &arg, &PyBytes_Type, &given, &k, &at)) return NULL;
    const float *weights = learned_weights;
    Py_ssize_t stride = 1;
    uint32_t mask = learned_mask;
    if (given != NULL && !column_of(given, k, at, &weights, &stride, &mask)) return NULL;
    if (!usable(arg, weights, "learned_words", "learned_configure")) return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(arg);
    int kind = PyUnicode_KIND(arg);
    const void *data = PyUnicode_DATA(arg);
    uint32_t stack[3 * STACK_CHARS + 1];
    Py_ssize_t count;
    uint32_t *indices = indices_of(arg, mask, stack, &count);
    if (indices == NULL) return NULL;
    Py_ssize_t most = n / 2 + 1; /* words are separated by blanks */
    Py_ssize_t *spans = PyMem_Malloc(sizeof(Py_ssize_t) * 2 * (size_t)most);
    double *weighed = PyMem_Malloc(sizeof(double) * (size_t)most);
    PyObject *words = NULL;
    if (spans == NULL || weighed == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t total = 0, f = 0, i = 0;
    while (i < n) {
        while (i < n && is_blank(PyUnicode_READ(kind, data, i))) i++;
        if (i >= n) break;
        Py_ssize_t start = i;
        while (i < n && !is_blank(PyUnicode_READ(kind, data, i))) i++;
        double sum = 0.0;
        for (Py_ssize_t end = f + 2 * (i - start); f < end; f++) sum += weights[indices[f] * stride];
        spans[2 * total] = start;
        spans[2 * total + 1] = i;
        weighed[total++] = sum;
    }
    for (Py_ssize_t w = 0; w + 1 < total; w++, f++) {
        double half = weights[indices[f] * stride] / 2.0;
        weighed[w] += half;
        weighed[w + 1] += half;
    }
    words = PyList_New(total);
    for (Py_ssize_t w = 0; words != NULL && w < total; w++) {
        PyObject *item = Py_BuildValue("(nnd)", spans[2 * w], spans[2 * w + 1], weighed[w]);
        if (item == NULL) Py_CLEAR(words);
        else PyList_SET_ITEM(words, w, item);
    }
done:
    PyMem_Free(spans);
    PyMem_Free(weighed);
    if (indices != stack) PyMem_Free(indices);
    return words;
}

/* learned_indices(folded, bits) -> bytes: the native uint32 index of each feature among 2**bits. */
static PyObject *learned_indices(PyObject *self, PyObject *args)
{
    PyObject *arg;
    int bits;
    if (!PyArg_ParseTuple(args, "Ui:learned_indices", &arg, &bits)) return NULL;
    if (bits < 1 || bits > 24) {
        PyErr_SetString(PyExc_ValueError, "learned_indices(): bits between 1 and 24");
        return NULL;
    }
    if (PyUnicode_READY(arg) < 0) return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(arg);
    if (n > PY_SSIZE_T_MAX / 16) return PyErr_NoMemory();
    PyObject *out = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)sizeof(uint32_t) * (3 * n + 1));
    if (out == NULL) return NULL;
    uint32_t mask = ((uint32_t)1 << bits) - 1;
    Py_ssize_t count = feature_indices(PyUnicode_KIND(arg), PyUnicode_DATA(arg), n, mask, (uint32_t *)PyBytes_AS_STRING(out));
    if (_PyBytes_Resize(&out, (Py_ssize_t)sizeof(uint32_t) * count) < 0) return NULL;
    return out;
}

/* learned_sums(folded, weights, k, bits) -> [k sums]: weights is bytes of a row-major matrix of
 * native float32, 2**bits rows of k; each column summed over the text's features. */
static PyObject *learned_sums(PyObject *self, PyObject *args)
{
    PyObject *arg, *bytes;
    int k, bits;
    if (!PyArg_ParseTuple(args, "UO!ii:learned_sums", &arg, &PyBytes_Type, &bytes, &k, &bits)) return NULL;
    if (k < 1 || k > 64 || bits < 1 || bits > 24
        || PyBytes_GET_SIZE(bytes) != ((Py_ssize_t)1 << bits) * k * (Py_ssize_t)sizeof(float)) {
        PyErr_SetString(PyExc_ValueError, "learned_sums(): weights of 2**bits rows of k (1 to 64) float32");
        return NULL;
    }
    if (PyUnicode_READY(arg) < 0) return NULL;
    Py_ssize_t rows = (Py_ssize_t)1 << bits;
    uint32_t stack[3 * STACK_CHARS + 1];
    Py_ssize_t count;
    uint32_t *indices = indices_of(arg, (uint32_t)(rows - 1), stack, &count);
    if (indices == NULL) return NULL;
    double sums[64] = {0.0};
    const float *weights = (const float *)PyBytes_AS_STRING(bytes);
    for (Py_ssize_t f = 0; f < count; f++) {
        const float *row = weights + (size_t)indices[f] * (size_t)k;
        for (int c = 0; c < k; c++) sums[c] += row[c];
    }
    if (indices != stack) PyMem_Free(indices);
    PyObject *result = PyList_New(k);
    if (result == NULL) return NULL;
    for (int c = 0; c < k; c++) {
        PyObject *value = PyFloat_FromDouble(sums[c]);
        if (value == NULL) {
            Py_DECREF(result);
            return NULL;
        }
        PyList_SET_ITEM(result, c, value);
    }
    return result;
}

static PyObject *learned_configure(PyObject *self, PyObject *arg)
{
    if (!PyBytes_Check(arg) || PyBytes_GET_SIZE(arg) % sizeof(float) != 0) {
        PyErr_SetString(PyExc_TypeError, "learned_configure() takes bytes of native 32-bit floats");
        return NULL;
    }
    Py_ssize_t size = PyBytes_GET_SIZE(arg) / (Py_ssize_t)sizeof(float);
    if (size < 2 || size > (1 << 24) || (size & (size - 1)) != 0) {
        PyErr_SetString(PyExc_ValueError, "learned_configure(): the number of weights is not a power of two");
        return NULL;
    }
    Py_INCREF(arg);
    Py_XDECREF(learned_owner);
    learned_owner = arg;
    learned_weights = (float *)PyBytes_AS_STRING(arg);
    learned_mask = (uint32_t)(size - 1);
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"prescan", prescan, METH_O, "prescan(text) -> (folded text or None, flags)"},
    {"configure", configure, METH_O, "configure(table): the folding table, native uint32 per code point"},
    {"learned_score", learned_score, METH_O, "learned_score(folded) -> the sum of the learned weights of its features"},
    {"learned_words", learned_words, METH_VARARGS,
     "learned_words(folded[, weights, k, at]) -> [(start, end, weight)] of each word (weights: the configured ones)"},
    {"learned_indices", learned_indices, METH_VARARGS, "learned_indices(folded, bits) -> bytes: uint32 index of each feature"},
    {"learned_sums", learned_sums, METH_VARARGS, "learned_sums(folded, weights, k, bits) -> [k sums] of a row-major float32 matrix"},
    {"learned_configure", learned_configure, METH_O, "learned_configure(weights): native float32, a power of two"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_prescan", "The folded form of a message and its cheap looks, in one pass.", -1, methods,
};

PyMODINIT_FUNC PyInit__prescan(void)
{
    PyObject *m = PyModule_Create(&module);
    if (m == NULL) return NULL;
    if (PyModule_AddIntConstant(m, "VERSION", PRESCAN_VERSION) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
