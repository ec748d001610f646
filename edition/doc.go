// Package edition runs a batch: it turns a set of article files and folders
// into bilingual editions in an output folder, one document at a time through
// a [pipeline.Pipeline].
//
// [Run] owns the whole batch: it collects the inputs ([Collect]: files as
// given, folders walked for the extensions package article reads), skips an
// article whose outputs are up to date (same source, settings, glossary and
// reading, and no editor's approved translation since), translates the others
// with a pool of workers, writes every output format of one document
// atomically together with its previous edition ([WriteDocument]), writes the
// index page and the run report ([Report], OUT/run.json, documented in
// docs/run.md), and in a dry run estimates what the batch would send and cost
// instead of writing anything.
//
// A batch split between workers runs as a [Shard] of itself
// ([Config.Shard], parsed by [ParseShard]): each worker translates the
// articles whose relative path hashes to its index and writes its own
// report ([Shard.ReportName]) and no index page; [Index] then rebuilds the
// index page and a merged run report from everything in the output folder.
//
// Errors that are the user's input (a missing path, a file that is not an
// article, a folder without articles, two inputs writing the same outputs, a
// named article that cannot be read) are [*InputError]s, returned before
// anything is written. An interrupted run returns [ErrInterrupted] with its
// report; articles that fail do not stop the others and are counted in the
// report.
package edition
