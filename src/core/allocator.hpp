// How the process's C allocator keeps the memory that a batch frees and takes again.
//
// A batch allocates and frees blocks of a few megabytes over and over: each 2 MiB part
// of an event log is read into a buffer and parsed into a vector of records (about
// 3 MB), freed once they are staged. glibc serves a block past its mmap threshold
// (128 KiB at start, raised to the largest block freed, up to 32 MiB) from a mapping of
// its own, and gives a heap's top back once twice that much of it is free, so that the
// pages of such blocks keep being given back and faulted in again. Fixed
// thresholds keep them: SQLite loads of medium (20,000 songs, 30 logs of 3.2 MB),
// alternating, took 4.8-5.0 s against 5.6-7.0 s, with half the page faults; loads of
// large, whose staging waits on the writer rather than on the parsing threads, took
// the same time within their noise and peaked 70-80 MB higher (the freed blocks that
// the parsing and sorting threads' arenas keep).
#pragma once

namespace sparkify {

// Keeps freed blocks of up to 16 MiB for reuse, and up to 32 MiB free at a heap's top,
// unless the environment already tunes either (GLIBC_TUNABLES' glibc.malloc.mmap_threshold
// or glibc.malloc.trim_threshold, MALLOC_MMAP_THRESHOLD_, MALLOC_TRIM_THRESHOLD_): the
// operator's settings win. Returns whether it set them. Called once, at start.
bool keep_freed_memory_for_reuse();

// Whether an environment with these values (null: unset) tunes the allocator's
// thresholds itself.
bool environment_tunes_allocator(const char* glibc_tunables, const char* mmap_threshold,
                                 const char* trim_threshold);

// The same, of this process's environment.
bool environment_tunes_allocator();

// Hands the memory that is free back to the system (glibc's malloc_trim): after a batch's
// rows are staged, its readers' and parsers' buffers, before the transforms' sorts take
// their share, so that the peak is the engine's cache and sorter, not the two added up.
void return_freed_memory();

}  // namespace sparkify
