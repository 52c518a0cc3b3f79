/*
 * Parses files with tree-sitter-python the way dev.schemagate.dialects.python.PyParser does, for a build with
 * AddressSanitizer and UndefinedBehaviorSanitizer (.ci/fuzz-native): a fresh parser per file, the input handed over
 * in 64 KB chunks through a read callback, a progress callback that cancels the parse when the thread's CPU time
 * passes the file's budget, then a cursor walk over every node (symbol, field, byte range, MISSING), as the tree
 * copy does. The JVM only sees a memory error in this code when it dies of one; the sanitizers report the first.
 *
 *   ts-python-check [BUDGET_SECONDS [SEED]] < list-of-files
 *
 * With a SEED, each file's budget is drawn between 0 and BUDGET_SECONDS (so cancellation lands at many points of the
 * error recovery, as it does under a loaded machine); without, every file gets BUDGET_SECONDS. The name of each file
 * is printed before it is parsed, so the last name printed is the one a sanitizer report belongs to.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <tree_sitter/api.h>

const TSLanguage *tree_sitter_python(void);

#define CHUNK (64 * 1024)

typedef struct {
    const char *bytes;
    uint32_t length;
    char *chunk;
} Source;

static const char *read_chunk(void *payload, uint32_t offset, TSPoint point, uint32_t *read) {
    (void) point;
    Source *s = payload;
    uint32_t n = offset >= s->length ? 0 : s->length - offset;
    if (n > CHUNK) {
        n = CHUNK;
    }
    if (n > 0) {
        memcpy(s->chunk, s->bytes + offset, n);
    }
    *read = n;
    return s->chunk;
}

static double thread_cpu_seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double) t.tv_sec + (double) t.tv_nsec / 1e9;
}

static bool past_deadline(TSParseState *state) {
    return thread_cpu_seconds() > *(double *) state->payload;
}

/* every node once, in order, asking what the Java tree copy asks */
static unsigned long walk(TSTree *tree) {
    TSTreeCursor cur = ts_tree_cursor_new(ts_tree_root_node(tree));
    unsigned long nodes = 0;
    unsigned long check = 0;
    for (;;) {
        TSNode n = ts_tree_cursor_current_node(&cur);
        check += ts_tree_cursor_current_field_id(&cur) + ts_node_symbol(n) + ts_node_start_byte(n)
                + ts_node_end_byte(n) + ts_node_is_missing(n) + ts_node_is_named(n);
        nodes++;
        if (ts_tree_cursor_goto_first_child(&cur)) {
            continue;
        }
        while (!ts_tree_cursor_goto_next_sibling(&cur)) {
            if (!ts_tree_cursor_goto_parent(&cur)) {
                ts_tree_cursor_delete(&cur);
                return nodes + (check & 1);
            }
        }
    }
}

static int parse_file(const char *path, double budget) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "ts-python-check: cannot open %s\n", path);
        return 1;
    }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *bytes = malloc(size > 0 ? (size_t) size : 1);
    size_t got = fread(bytes, 1, (size_t) size, f);
    fclose(f);
    Source source = {bytes, (uint32_t) got, malloc(CHUNK)};
    TSParser *parser = ts_parser_new();
    ts_parser_set_language(parser, tree_sitter_python());
    double deadline = thread_cpu_seconds() + budget;
    TSInput input = {&source, read_chunk, TSInputEncodingUTF8, NULL};
    TSParseOptions options = {&deadline, past_deadline};
    TSTree *tree = ts_parser_parse_with_options(parser, NULL, input, options);
    if (tree != NULL) {
        printf("%s parsed %lu nodes\n", path, walk(tree));
        ts_tree_delete(tree);
    } else {
        printf("%s cancelled after %.3f s\n", path, budget);
    }
    ts_parser_delete(parser);
    free(source.chunk);
    free(bytes);
    return 0;
}

int main(int argc, char **argv) {
    double budget = argc > 1 ? atof(argv[1]) : 1.0;
    int drawn = argc > 2;
    unsigned long long state = argc > 2 ? strtoull(argv[2], NULL, 10) : 0;
    char line[8192];
    int failed = 0;
    while (fgets(line, sizeof line, stdin) != NULL) {
        line[strcspn(line, "\r\n")] = 0;
        if (line[0] == 0) {
            continue;
        }
        double b = budget;
        if (drawn) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            b = budget * (double) (state >> 40) / (double) (1ULL << 24);
        }
        fprintf(stderr, "%s\n", line);
        failed |= parse_file(line, b);
        fflush(stdout);
    }
    return failed;
}
