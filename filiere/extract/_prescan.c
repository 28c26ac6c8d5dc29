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
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

/* Keep in step with filiere/extract/prescan.py (checked at import). */
#define PRESCAN_VERSION 2

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

static double word_features(int kind, const void *data, Py_ssize_t start, Py_ssize_t end)
{
    double sum = 0.0;
    uint32_t h = fnv_start(FEATURE_WORD);
    for (Py_ssize_t i = start; i < end; i++) h = fnv_add(h, PyUnicode_READ(kind, data, i));
    sum += learned_weights[h & learned_mask];
    /* The pieces of "<word>": three and four characters long. */
    Py_ssize_t length = end - start + 2;
    for (int n = 3; n <= 4; n++) {
        for (Py_ssize_t i = 0; i + n <= length; i++) {
            h = fnv_start(FEATURE_PIECE);
            for (Py_ssize_t k = i; k < i + n; k++) {
                Py_UCS4 c = k == 0 ? '<' : k == length - 1 ? '>' : PyUnicode_READ(kind, data, start + k - 1);
                h = fnv_add(h, c);
            }
            sum += learned_weights[h & learned_mask];
        }
    }
    return sum;
}

static PyObject *learned_score(PyObject *self, PyObject *arg)
{
    if (!usable(arg, learned_weights, "learned_score", "learned_configure")) return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(arg);
    int kind = PyUnicode_KIND(arg);
    const void *data = PyUnicode_DATA(arg);
    double sum = 0.0;
    Py_ssize_t previous_start = -1, previous_end = -1;
    Py_ssize_t i = 0;
    while (i < n) {
        while (i < n && is_blank(PyUnicode_READ(kind, data, i))) i++;
        if (i >= n) break;
        Py_ssize_t start = i;
        while (i < n && !is_blank(PyUnicode_READ(kind, data, i))) i++;
        sum += word_features(kind, data, start, i);
        if (previous_start >= 0) { /* the pair "previous word" + " " + "word" */
            uint32_t h = fnv_start(FEATURE_PAIR);
            for (Py_ssize_t k = previous_start; k < previous_end; k++) h = fnv_add(h, PyUnicode_READ(kind, data, k));
            h = fnv_add(h, ' ');
            for (Py_ssize_t k = start; k < i; k++) h = fnv_add(h, PyUnicode_READ(kind, data, k));
            sum += learned_weights[h & learned_mask];
        }
        previous_start = start;
        previous_end = i;
    }
    return PyFloat_FromDouble(sum);
}

/* Each word with what it weighs: its own features and half of each pair it is in (evidence). */
static PyObject *learned_words(PyObject *self, PyObject *arg)
{
    if (!usable(arg, learned_weights, "learned_words", "learned_configure")) return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(arg);
    int kind = PyUnicode_KIND(arg);
    const void *data = PyUnicode_DATA(arg);
    PyObject *words = PyList_New(0);
    if (words == NULL) return NULL;
    Py_ssize_t previous_start = -1, previous_end = -1;
    double previous_weight = 0.0;
    Py_ssize_t i = 0;
    while (1) {
        while (i < n && is_blank(PyUnicode_READ(kind, data, i))) i++;
        Py_ssize_t start = i;
        while (i < n && !is_blank(PyUnicode_READ(kind, data, i))) i++;
        double weight = 0.0;
        if (start < i) {
            weight = word_features(kind, data, start, i);
            if (previous_start >= 0) {
                uint32_t h = fnv_start(FEATURE_PAIR);
                for (Py_ssize_t k = previous_start; k < previous_end; k++) h = fnv_add(h, PyUnicode_READ(kind, data, k));
                h = fnv_add(h, ' ');
                for (Py_ssize_t k = start; k < i; k++) h = fnv_add(h, PyUnicode_READ(kind, data, k));
                double half = learned_weights[h & learned_mask] / 2.0;
                previous_weight += half;
                weight += half;
            }
        }
        if (previous_start >= 0) { /* the previous word is complete: its pairs are both counted */
            PyObject *item = Py_BuildValue("(nnd)", previous_start, previous_end, previous_weight);
            if (item == NULL || PyList_Append(words, item) < 0) {
                Py_XDECREF(item);
                Py_DECREF(words);
                return NULL;
            }
            Py_DECREF(item);
        }
        if (start >= i) break;
        previous_start = start;
        previous_end = i;
        previous_weight = weight;
    }
    return words;
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
    {"learned_words", learned_words, METH_O, "learned_words(folded) -> [(start, end, weight)] of each word"},
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
