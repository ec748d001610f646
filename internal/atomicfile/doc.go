// Package atomicfile writes files so that a reader, or a later run, finds
// each one whole or not at all, even after a crash or a power cut: the
// content goes to a temporary file in the same folder, is synced, and is
// renamed over the final name. A [Set] does this for several files that
// belong together (the outputs of one article), renaming them only once
// every one is written; [Write] does it for one file.
//
// # Syncs
//
// A file's data must be on the disk before its name points to it, and the
// renames must be on the disk before [Set.Commit] says the files are there.
// [Set.Add] starts syncing each temporary file as soon as it is written, so
// the syncs of a set run at once and beside the writing of its next files;
// Commit waits for them, renames every file, then syncs each folder it
// renamed into once. A set costs about two rounds of the disk's flush
// instead of one per file, and the file system's journal shares those
// rounds between the sets several workers commit at the same time.
//
// A file whose new content is byte for byte the file it would replace (a
// re-run that renders the same outputs) is left as it is: no temporary file,
// no sync, no rename, and its modification time does not change.
//
// A crash at any point leaves, at every final name, either the old file or
// the new one, never a partial or an empty file. The files of one set are
// renamed one after the other, so a crash in the middle of a commit can
// leave some of a set's files new and the others old.
//
// # Leftovers
//
// Temporary files are named ".NAME.diglot-PID-START.RANDOM.tmp", where PID
// and START identify the process that wrote them. A process killed while
// writing leaves them behind; [Clean] removes those that processes which
// have ended left in a folder tree, and nothing else.
package atomicfile
