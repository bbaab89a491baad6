// A streaming RFC 4180 reader: records of a CSV file one at a time, each with the line it starts
// on (the header is line 1), so an error can point at file, line and column. Quoted fields may hold
// commas, doubled quotes and line breaks; CRLF and LF both end a record; a UTF-8 BOM is dropped.
import { createReadStream } from "node:fs";

export interface CsvRecord {
  /** 1-based line the record starts on. */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/** Records of a text stream (chunks of strings). Throws CsvSyntaxError on a broken quote. */
export async function* parseCsv(chunks: AsyncIterable<string>): AsyncGenerator<CsvRecord> {
  for await (const batch of parseCsvBatches(chunks)) yield* batch;
}

/**
 * The records of each chunk of text as one array (a step of an async generator per record cost more
 * than parsing it, at millions of rows). Throws CsvSyntaxError on a broken quote.
 */
export async function* parseCsvBatches(chunks: AsyncIterable<string>): AsyncGenerator<CsvRecord[]> {
  let field = "";
  let fields: string[] = [];
  let inQuotes = false;
  let afterQuote = false; // just closed a quoted field: only , or a line end may follow
  let pendingQuote = false; // saw a " inside quotes at the end of a chunk
  let line = 1;
  let recordLine = 1;
  let sawAny = false; // the record has content (an empty line is no record)
  let first = true;
  let cr = false; // the previous chunk ended with \r
  let quotedCr = false; // … with a \r inside a quoted field

  for await (let chunk of chunks) {
    if (first) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      first = false;
    }
    const out: CsvRecord[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (cr) {
        cr = false;
        if (c === "\n") continue;
      }
      if (quotedCr) {
        quotedCr = false;
        if (c === "\n") {
          field += c;
          continue;
        }
      }
      if (pendingQuote) {
        pendingQuote = false;
        if (c === '"') {
          field += '"';
          continue;
        }
        inQuotes = false;
        afterQuote = true;
      }
      if (inQuotes) {
        if (c === '"') {
          if (i + 1 < chunk.length) {
            if (chunk[i + 1] === '"') {
              field += '"';
              i++;
            } else {
              inQuotes = false;
              afterQuote = true;
            }
          } else pendingQuote = true;
        } else {
          if (c === "\n") line++;
          else if (c === "\r") {
            line++;
            if (i + 1 === chunk.length) quotedCr = true;
            else if (chunk[i + 1] === "\n") {
              field += "\r\n";
              i++;
              continue;
            }
          }
          // Plain text up to the next quote or line break in one slice.
          let j = i + 1;
          for (; j < chunk.length; j++) {
            const k = chunk.charCodeAt(j);
            if (k === 34 || k === 10 || k === 13) break;
          }
          field += chunk.slice(i, j);
          i = j - 1;
        }
        continue;
      }
      if (c === ",") {
        fields.push(field);
        field = "";
        afterQuote = false;
        sawAny = true;
      } else if (c === "\n" || c === "\r") {
        if (sawAny || field.length || afterQuote) {
          fields.push(field);
          out.push({ line: recordLine, fields });
        }
        fields = [];
        field = "";
        afterQuote = false;
        sawAny = false;
        line++;
        recordLine = line;
        if (c === "\r") {
          if (i + 1 < chunk.length) {
            if (chunk[i + 1] === "\n") i++;
          } else cr = true;
        }
      } else if (afterQuote) {
        throw new CsvSyntaxError(line, `unexpected "${c}" after a closing quote`);
      } else if (c === '"') {
        if (field.length) throw new CsvSyntaxError(line, "a quote inside an unquoted field");
        inQuotes = true;
        sawAny = true;
      } else {
        // Plain text up to the next comma, quote or line break in one slice.
        let j = i + 1;
        for (; j < chunk.length; j++) {
          const k = chunk.charCodeAt(j);
          if (k === 44 || k === 34 || k === 10 || k === 13) break;
        }
        field += chunk.slice(i, j);
        i = j - 1;
      }
    }
    if (out.length) yield out;
  }
  if (pendingQuote) {
    inQuotes = false;
    afterQuote = true;
  }
  if (inQuotes) throw new CsvSyntaxError(recordLine, "a quoted field is never closed");
  if (sawAny || field.length || afterQuote) {
    fields.push(field);
    yield [{ line: recordLine, fields }];
  }
}

/** Records of a UTF-8 file, read in 256 KB chunks (memory stays flat whatever the file's size), a chunk's records at a time. */
export function readCsvBatches(path: string): AsyncGenerator<CsvRecord[]> {
  return parseCsvBatches(createReadStream(path, { encoding: "utf8", highWaterMark: 256 * 1024 }) as AsyncIterable<string>);
}
