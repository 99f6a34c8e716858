/**
 * Fixes to pdf.js itself, for damaged files on which it would otherwise never finish (and three for speed, 29, 32
 * and 33).
 * They are written into node_modules/pdfjs-dist when the project is installed (npm's `prepare` runs this
 * file), so every copy of pdf.js the app runs has them: the services' (Node, the Electron app, the tests),
 * the command line's bundle (built from the same files, scripts/pdfjsLoad.mjs, which applies them too), and
 * the preview's in the window (renderer/components/PdfPreview.tsx loads the worker these fixes are written
 * into).
 *
 * 1. A CFF font whose charset runs past the end of its data (fuzz, --kinds all seed 6: one byte of a
 *    compressed font changed in a 75 KB tax form). pdf.js 5.6 reads glyph ranges until it has as many names
 *    as the font has glyphs; past the end, each range it reads is empty, so it never has enough and reads
 *    for ever (`CFFParser.parseCharsets`, charset formats 1 and 2). Reading the page's text spun one core
 *    until the import's 180 s limit stopped it, and the same would happen to a check or a build. It now
 *    stops at the end of the data, as its format 0 loop already does in effect: the glyphs left have no
 *    names, and the font is read as pdf.js reads any font whose charset is short.
 *
 * 2. A JBIG2 picture's symbol dictionary (the shapes a scanned page is drawn from), damaged. Its list of
 *    the symbols it exports is read as runs until the runs cover every symbol; a run that decodes as
 *    nothing covers none, and past the end of the data the decoder can return such runs for ever (a
 *    negative run pushes flags until memory runs out: 16 s for one file). The runs must cover the symbols
 *    exactly (ITU T.88 6.5.10): one that does not now ends the picture as damaged.
 * 3. The same dictionary's symbols: pdf.js decodes symbols in a height class until the class's end mark,
 *    which damaged data may never give, so it decoded symbol after symbol for ever; and it takes a
 *    symbol's width and height as decoded (a symbol 571,874,006 pixels wide was still decoding after
 *    20 s). A dictionary now stops as damaged at more symbols than it says it has (6.5.5), a negative
 *    size, or more than 2^28 pixels decoded in all (a scanned A4 page at 600 dpi is 35 million).
 *
 * 4. A JBIG2 picture's page, or a region drawn on it, of any size: pdf.js takes the sizes a picture gives
 *    (up to 4 billion pixels a side) and decodes a region pixel by pixel, its data run out or not. A
 *    generic region 100,000 pixels square decoded for ever; MMR-coded, it held 2.8 GB after 15 s; a
 *    pattern dictionary of a million 255-pixel patterns, or a halftone grid 100,000 cells square, the
 *    same. Every bitmap a picture decodes (regions, patterns, halftone grids and the patterns drawn on
 *    them, the symbols a text region draws) now spends from one budget of 2^28 pixels for the picture,
 *    and its page may be at most 2^30 pixels (1200 dpi A3 is 280 million); past either the picture is
 *    given up as damaged. pdf.js's own JBIG2 test files (test/pdfs/bitmap-*.pdf and jbig2_*.pdf) draw
 *    pixel for pixel as they did with fixes 1-3 (docs/limits.md).
 *
 * 5. A JBIG2 segment's header saying it refers to up to 536 million other segments (the long form of the
 *    count, 7.2.4), its data a few bytes: pdf.js read that many numbers past the end of the data into an
 *    array, until its memory ran out (about 15 s; found reading its segment headers while looking at
 *    fix 6's file). Each referred-to segment takes at least a byte: a count beyond the bytes left ends the
 *    picture as damaged.
 * 6. A JBIG2 segment whose length runs past the end of the picture's data (3,985,980,201 bytes, in a picture
 *    of 445: a scanned page damaged by `npm run fuzz`, seed 44, drawn as the preview draws it). pdf.js read it to its stated end, taking the bytes beyond as zeros: a
 *    custom Huffman table of zeros went on for ever, until memory ran out (4 GB). A segment now ends
 *    where the data ends, as a segment cut short does, and its decoder stops there.

 * 7. Fix 4's budget in proportion to the picture's size in the PDF (its /Width and /Height): four times
 *    its pixels, at least 2^24 and at most 2^28. A range cut out of a damaged scan (fuzz, seed 45) left a
 *    symbol dictionary of 157 million symbols and no data; within fix 4's budget pdf.js decoded 2^28
 *    pixels of them on its slower general path, 15 s for a picture of 320 by 200 (now about 1 s).
 *
 * 8. A CFF font's INDEX (a table of its dictionaries, names and glyph programs) whose offsets go down as well
 *    as up (pdf.js's own test file issue9278.pdf with 500 bytes zeroed: `npm run fuzz -- --base`, seed 1).
 *    pdf.js takes entry i as the bytes from offset i to offset i + 1, so offsets that go up and down make
 *    entries that overlap: the font's dictionaries (its FDArray), read one by one, each read most of the font
 *    again, and reading the page's text took 68 s (an import, 174 s). An offset lower than the one before now counts as the one
 *    before (an empty entry), as entries of a sound INDEX never overlap: the entries are the same in a
 *    sound font, and in a damaged one they hold no byte twice.
 *
 * 9. A form that paints with a tiling pattern whose cell draws that form again (pdf.js's own test file
 *    operator_list_cycle.pdf, Form -> Form -> Pattern -> Form: `npm run fuzz -- --base`, seed 1, as it is).
 *    pdf.js 5.6 notices a form drawn inside itself, but not through a pattern's cell: it drew the cycle
 *    until its memory ran out (4 GB, about 50 s). The forms being drawn are now handed to the pattern's
 *    cell, as pdf.js 6.0 does (mozilla/pdf.js 29fcf0aa7, "Avoid cycles when getting operator list in
 *    patterns"; its Type3-font half is not taken here), and the form drawn again is skipped.
 *
 * 10. A CMap (a font's map from codes to characters or glyphs) whose ranges map millions of codes (pdf.js's
 *     bug1186827.pdf with 6 bytes changed: its ToUnicode ranges became 7 of about 570,000 codes each).
 *     pdf.js caps one range at 2^24 codes but not their sum, and fills a sparse array code by code: 24 s to
 *     draw one page. A CMap now maps at most 2^18 codes by ranges, four times the glyphs any font can have
 *     (65,535); ranges past that are skipped, as pdf.js skips one range too large.
 *
 * 11. A CMap searched from end to end for each of a font's glyphs (pdf.js's issue9534_reduced.pdf with 1,341
 *     bytes cut out: a font of thousands of glyphs and a sparse map; 10 s to read a page's text, 58 s to
 *     import). `charCodeOf` (the first code that maps to a value) now looks the value up in an index of the
 *     map made at its first call, the lowest code first as before. pdf.js fills a CMap only while reading
 *     it, before anything asks it; the index is made again if the map's length changes.
 *
 * 12. A JBIG2 pattern dictionary whose patterns are no pixels wide (pdf.js's own bitmap-halftone-refine.pdf
 *     with 7 bytes changed: `npm run fuzz -- --base`, seed 3). Their shared bitmap is then empty and spends
 *     nothing of fix 4's budget, but pdf.js makes a view of each row of each pattern, up to 2^32 patterns:
 *     its memory ran out (4 GB). Patterns must now be at least a pixel each way (T.88 7.4.4), and a
 *     dictionary may make at most 2^20 such views (256 patterns of 64 rows make 16,384). Written without
 *     fix 4's budget, so that it stands if pdf.js changes where fix 4 goes.
 *
 * 13. A TrueType font whose `post` table (its glyphs' names) runs past the end of the font's data (pdf.js's
 *     cidfont_cmap_overflow.pdf with 1,647 bytes cut out: `npm run fuzz -- --base`, seed 4). pdf.js reads
 *     names until the table's end; past the data's end a name's length reads as -1, reading -1 bytes steps
 *     back one, and it kept an empty name for each step until its memory ran out (14 s; the import was
 *     refused as needing more than 768 MB). The names now end where the data ends.
 *
 * 14. A TrueType font's cmap (its map from character codes to glyphs) that maps billions of codes (pdf.js's
 *     issue14881.pdf with one byte changed: a format 12 group became codes 1,066 to 1.4 billion; seeds 1
 *     and 4). pdf.js makes an object for each code before it sorts them, and its memory ran out (the import
 *     refused at 768 MB). A sound map has at most one entry per Unicode code point (0x110000, formats 12
 *     and 4 alike: its groups or segments never overlap); reading now stops there, as fix 10 does for a
 *     CMap.
 *
 * 15. A TrueType collection (one font file holding several fonts) that says it holds billions of fonts
 *     (found reading pdf.js's font code: Liberation Sans behind a collection header of 4,294,967,295 fonts).
 *     pdf.js reads that many font offsets, past the end of the data, into an array until its memory runs
 *     out (1.6 GB in 9 s, on drawing or reading text alike); told of 10,000 fonts whose offsets all lead to
 *     one table directory of 10,000 entries, it reads that directory 10,000 times (20 s, a PDF of 1.4 KB).
 *     A collection now holds at most as many fonts as its data has offsets for, and its fonts' directories
 *     (12 bytes and 16 a table) may take at most the bytes of its data in all: in a sound collection each
 *     font's directory is its own, in the file, so neither bound is reached.
 *
 * 16. A TrueType font's hinting program (fpgm or prep) in which DELTAP or DELTAC is given a negative count
 *     (Liberation Sans with its fpgm made of PUSHW -32768, DELTAP1). pdf.js, checking the program before it
 *     hands the font on, takes the count of pairs the instruction pops as 2 x -32,768 values pushed: 65,536
 *     values for 4 bytes, until its memory runs out (2.2 GB in 7 s); popped again by a DELTAP of 32,767, as
 *     long as the program goes (50 s for 80 KB). A count is an unsigned 32-bit number to TrueType: a
 *     negative one is over two billion pairs, more than any stack holds, and now empties the stack. A sound
 *     font's counts are never negative.
 *
 * 17. A TrueType composite glyph (a glyph drawn as other glyphs, moved) whose components are composites of
 *     their own: 1,000 copies of a glyph of 1,000 copies of a glyph of 1,000 copies of a letter, a billion
 *     letters, in 18 KB (Liberation Sans damaged so). pdf.js draws glyphs' outlines itself in Node (no font
 *     face to hand them to), and drew each copy: its memory ran out (1.6 GB in 15 s; with an empty glyph
 *     at the bottom, minutes). pdf.js 6 skips a glyph that is its own component (mozilla/pdf.js b4d689ce0),
 *     not one used many times over. A glyph now stops at 131,072 points and components: TrueType numbers a
 *     glyph's points with 16 bits (maxp's maxCompositePoints), so a sound glyph has at most 65,535, and its
 *     components are there to bring points (a composite counts its own with 16 bits too,
 *     maxComponentElements); the sound glyphs of Liberation Sans draw as they did.
 *
 * 18. A TrueType font of 65,535 glyphs, each a few bytes saying it has 65,536 points (Liberation Sans given
 *     so many). Checking each glyph as it copies the font, pdf.js reads a flag for each point, or an end
 *     for each of up to 32,767 contours, whether or not the glyph's data holds it: 4 billion reads past the
 *     ends of glyphs, 22 s (on drawing or reading text alike). A glyph whose contours or flags run past
 *     its data was already dropped (its coordinates cannot fit); it is now dropped at the first read past
 *     its end, with the same result: pdf.js reads nothing there that could change it.
 *
 * 19. A CID-keyed CFF font whose FDSelect (which font dictionary each glyph uses, as ranges of glyphs) has
 *     65,535 ranges, every other one of glyphs 0 to 65,535 (a CFF of 2 glyphs built byte by byte; 1.5 KB
 *     as a PDF). pdf.js lists the dictionary of every glyph of every range before it checks that the list
 *     has one entry per glyph: 2 billion entries, until its memory ran out (2.5 GB in 12 s, on drawing or
 *     reading text alike). The list now stops one past the font's glyphs, which the check then refuses as
 *     it did the whole list.
 *
 * 20. Fix 16's hinting check again: a function that pushes 63,750 values, called 1,000 times, then 20,000
 *     DELTAPs of 32,767 pairs (Liberation Sans with such an fpgm and prep; 92 KB as a PDF). After its first
 *     call pdf.js adds what the function pushed to the stack's length without running it again: a stack 64
 *     million long (512 MB), from which it popped the 65,534 values of each DELTAP one at a time, for over
 *     a minute; or, a call and a DELTAP 10,000 times over, 2.6 GB and 8 s. Calls now stop being followed
 *     once they have grown the stack by 2^20 values in all, as pdf.js stops following them when it finds
 *     a function it cannot (its "too complex to follow": the hints are kept, the rest is not checked); a
 *     TrueType stack holds at most 65,535 values (maxp's maxStackElements), and a sound program's calls,
 *     taken once where they stand, grow it by far less. And values are popped at once, by shortening the
 *     stack as far as they go, which leaves it as popping them one by one did.
 *
 * 21. A TrueType font's name table (its names: family, style, licence…) of 5,000 US-English Windows records
 *     that all read the same 60,000 bytes (Liberation Sans given such a table; 104 KB as a PDF). pdf.js
 *     reads each record's name, a character at a time into a string of 30,000, and keeps one for each name
 *     number: 150 million characters, until its memory ran out (1.5 GB in 15 s; on drawing or reading text
 *     alike); in a TrueType collection of 3,000 fonts sharing one such table, 1 MB of names apiece (11 KB
 *     as a PDF), over a minute even with fixes 15 and 21 as first made. A font's names, all the fonts' of a
 *     collection together, are now read up to 2^20 bytes in all, the rest left unread: pdf.js reads only
 *     the English Mac and Windows names, which in a sound font take a few KB (a long licence, a few more),
 *     and stops at the font of a collection it was looking for.
 *
 * 22. A CFF font whose glyphs call subroutines (shared pieces of glyph program) that call others, each many
 *     times over: a glyph calling a subroutine that calls the next 1,000 times, three deep, is a billion
 *     calls in 1.2 KB (a CFF built byte by byte). pdf.js checks each glyph before it hands the font on,
 *     following every call (`CFFParser.parseCharString`): 21 s to read the page's text, over a minute to
 *     draw it; deeper (pdf.js allows 10 levels) it never ends. A cap for each glyph alone is multiplied by
 *     up to 65,535 glyphs (16,384 glyphs of 19,600 calls each, 40 KB: 15 s). A glyph now stops at 2^16
 *     operators and operands run, its subroutines' included, and a font's glyphs at 2^26 in all (1.5 s);
 *     past either, the glyph is read as pdf.js reads one whose program is invalid: drawn empty (0.1 s and
 *     1.5 s for those two). Over pdf.js's own test files (943) and the app's fixtures (9), the first 25
 *     pages of each, a sound glyph ran at most 4,491 (issue7901.pdf) and a sound font 165,192
 *     (issue215.pdf); a font of 65,535 glyphs may run 1,024 a glyph. Their operators, text and glyphs'
 *     outlines are the same as without the fix.
 * 23. The same in a Type 1 font (`Type1CharString.convert`, with no limit to how deep calls go). pdf.js
 *     keeps every line the calls draw: a glyph calling a subroutine that calls the next 1,000 times, three
 *     deep, a line at the bottom, held 2 GB after 12 s (6 KB as a PDF); 2,048 glyphs of 19,600 calls each,
 *     3 GB after 32 s. A glyph now stops at 2^16 operators and operands run, and a font's glyphs at 2^22 in
 *     all (pdf.js's legacy build runs a Type 1 glyph program some eight times slower than a CFF one: 0.8 s);
 *     past either, the glyph takes pdf.js's path for an invalid program (drawn empty; 0.15 s and 0.8 s). On
 *     the same files a sound glyph ran at most 862 (bug1157493.pdf) and a sound font 100,293
 *     (issue2462.pdf), and read and drew the same as without the fix.
 *
 * 24. A stitching function (a function made of other functions, each for a part of its input) whose parts
 *     are the same stitching function, ten times over, seven deep (a Separation colour space's tint, 2.5 KB
 *     as a PDF; found reading pdf.js's function code). pdf.js caches a function by its object only where a
 *     colour space or shading asks for it, not where a stitching function names its parts, so it read the
 *     chain's last function 10^7 times: 41 s and 4.7 GB to draw the page (eight deep, its memory runs out).
 *     A stitching function's parts given by reference now go through the same cache, so each is read once
 *     (0.05 s). A function is a closure of its numbers, kept as it was read: shared, it computes as before.
 *     A function that is its own part still ends as it did (the cache is filled after a function is read).
 * 25. A sampled function (a table of samples, type 0) whose /Size says it holds 100 million samples, its
 *     data 2 bytes (a Separation colour space's tint, 700 bytes as a PDF). pdf.js makes each sample, reading
 *     zeros past the end of the data: 5.9 s and 1.5 GB to draw the page; told of a billion, its process ran
 *     out of memory and ended (abort, 12 s). Samples past the data are still zero, but are no longer made:
 *     the table holds those the data holds, and reading one past them gives 0 as it did (one past the table's
 *     stated size gives what it gave). /BitsPerSample must be a whole number from 1 to 32 (the PDF
 *     specification allows 1, 2, 4, 8, 12, 16, 24 and 32); any other reads no sample that means anything
 *     (every one NaN, or a sign) and is now refused, as pdf.js refuses a function of unknown type.
 * 26. A mesh shading (a gradient given as triangles or patches, types 4 to 7) that reads its vertices with 0
 *     bits (its /BitsPerCoordinate, /BitsPerComponent and /BitsPerFlag; 500 bytes as a PDF; found reading
 *     pdf.js's shading code). Each vertex reads nothing, so the data never ends: pdf.js read vertices for
 *     ever, 3 GB after 20 s (the same with no /BitsPerCoordinate at all, or a negative one). Each count must
 *     now be at least 1 (the PDF specification allows 1 to 32, and 2, 4 or 8 for a flag; type 5 has no flag),
 *     or the shading is refused as pdf.js refuses one it cannot read: drawn as nothing. A sound shading's
 *     counts are never below 1.
 *     Of pdf.js's 943 test files, the 42 that read a stitching or sampled function or a mesh shading in
 *     their first 25 pages (81 pages) read and draw the same with fixes 24-26 as without (text and operators).
 * 27. A CCITT fax image (a scan, black and white) 10 pixels wide whose /Columns (the width its rows are coded
 *     at) is a billion (700 bytes as a PDF; found reading pdf.js's image code). pdf.js decodes rows as wide
 *     as /Columns says, whatever the image's /Width: 15 s and 3.9 GB to draw the page (pdf.js's JavaScript
 *     decoder, which Node uses). /Columns is the image's width (ISO 32000 7.4.6), and a row wider than the
 *     image is cut to it; an image whose /Columns is more than twice its /Width and 1,728 pixels more (the
 *     default) now reads as an empty stream, as one whose filter pdf.js cannot make.
 *     pdf.js's 15 test files with CCITT images (their first 25 pages) code rows at the image's width, but for
 *     one at the default 1,728 for an image 43 wide and one whose /Columns is no number: none is refused.
 * 28. A JPEG picture whose frame says it is 65,000 pixels square, its coded data a few hundred bytes (a JPEG
 *     of 16 by 16 pixels with its size changed: 809 bytes; found reading pdf.js's JPEG decoder). pdf.js makes
 *     room for every 8-by-8 block of the frame before it decodes a byte: at 16,000 square, 7.3 s and 1.6 GB
 *     to draw the page (3.1 s and 830 MB where the PDF says the picture is 16 by 16); at 65,000, 11.6 GB
 *     after 60 s. Every block of every component is coded in at least one bit (a Huffman code for its first
 *     coefficient; a baseline block takes two), so a frame of more blocks than eight times the bytes left
 *     after its header cannot be coded there: it is now refused as a damaged JPEG, and the picture left out
 *     as pdf.js leaves out one it cannot decode. Not bounded so: a JPEG whose data is there to code it,
 *     behind a Flate filter (a 16,000-square JPEG's 1.5 MB of codes compress to a few KB); that is the size
 *     the picture says it is, which the limits scan bounds (a PDF whose picture declares more than
 *     LIMITS.imagePixels is refused before pdf.js reads it: docs/limits.md, session 41).
 *     In pdf.js's test files, the 46 whose first 25 pages decode a JPEG, the fewest bits of data a JPEG had for
 *     a block was 2.02 (large_jpeg_downscale.pdf, a baseline JPEG of a near-flat picture): none is refused.
 * 29. Not damage but time: reading text, pdf.js composed each glyph's transform (the CTM, the text matrix and
 *     the font's size, scale and rise) through two arrays made for the purpose, three arrays a glyph and more
 *     than once a glyph; verification reads the full text of a sample of every bundle's pages. The same
 *     products and sums, in the same order, now in numbers and one array, so every transform is the same to
 *     the last bit (tests/unit/scripts/pdfjsFixes.test.ts compares every text item with pdf.js's own).
 * 30. A ToUnicode CMap damaged into ranges written backwards (its last code before its first) between ranges
 *     of millions of codes (`npm run fuzz -- --base`, seed 11: pdf.js's issue20232.pdf, a CAD drawing, with 500
 *     bytes zeroed in a compressed CMap of 6 KB). A backward range maps nothing, but fix 10 took its negative
 *     length off the count of codes mapped, so the ranges after it mapped 15 million codes: 2.6 GB and over
 *     a minute for one page's text, and the import refused the file for memory after 120 s. A backward range
 *     is now skipped before it is counted. And a range's codes are mapped to copies of its text, one each:
 *     2^18 codes to a string 2,000 bytes long made 512 MB; text mapped by ranges now stops at 16 MB a CMap
 *     (a whole font of 65,535 glyphs, each to 4 bytes, is 256 KB). Reading the first five pages of 900 of
 *     pdf.js's test files met neither.
 *
 * 31. A JBIG2 symbol dictionary whose height classes hold no symbols (`npm run fuzz`, seed 52: a scanned
 *     page's JPEG data read as a dictionary of 151 million symbols, after 889 bytes were cut out). pdf.js
 *     decodes height class after height class until it has the symbols the dictionary says it has; a
 *     class that ends at once adds none, and the decoder gave such classes for ever (fix 3 bounds the
 *     symbols a class decodes, not the classes; the arithmetic decoder, sure of each decision, read no
 *     further byte for millions of them): the preview drew the page for minutes. A class holds at least
 *     one symbol in any dictionary an encoder writes: one with over 1,024 more classes than symbols now
 *     stops as damaged.
 *
 * 32. Not damage but time: a page tree of one node holding every page (as many programs write it). pdf.js
 *     finds page n by stepping through the kids of each node from the first, a step for every page before
 *     it (each a lookup keyed by the kid's object number as a string), so reading every page took it time
 *     growing with the square of their number: 19 s of a 10,000-page document's import, 2 s at 2,500
 *     pages. While the top node's kids are pages, each kid once, page n is its kid n: found at once, the
 *     kids before it looked at only the first time, and remembered as pdf.js's walk remembers them. Any
 *     other tree (a node among the kids, a page listed twice, kids not an array, a page past the top
 *     node's /Count) takes pdf.js's own walk from there on.
 *
 * 33. Not damage but time: an object larger than pdf.js's range of a file read from disk (256 KB: checks and
 *     verification read files so, pdf/read/pdfjsFile.ts). Parsing it, pdf.js runs out of bytes, asks for the
 *     next 256 KB and parses the object again from its start, so its time grew with the square of its size:
 *     a font's /Widths of 3 million numbers (12 MB) took a check 30 s. A parser's request for the byte just
 *     after its last one (a run of them, one object read on) now asks for twice as much as that one did, up
 *     to 16 MB: the object is parsed a few times, not once for every 256 KB of it. A request for anything
 *     else (a stream's data, an object elsewhere) is as pdf.js makes it.
 *
 * pdf.js decodes JBIG2 only to draw a page (the preview, OCR), never to read its text. Found by trying
 * random data in a one-symbol dictionary, then each kind of region (tests/helpers/jbig2.ts).
 *
 * A fix's steps are made all together or not at all: one step may call a function another defines.
 *
 * If pdf.js's source changes, a fix that is not found is left out and a warning says so.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** pdf.js's loop over a font's name records, from the name of each to its bytes (fix 21). */
const NAME_RECORDS_LOOP =
  '      for (i = 0, ii = records.length; i < ii; i++) {\n' +
  '        const record = records[i];\n' +
  '        if (record.length <= 0) {\n' +
  '          continue;\n' +
  '        }\n' +
  '        const pos = start + stringsStart + record.offset;\n' +
  '        if (pos + record.length > end) {\n' +
  '          continue;\n' +
  '        }\n';

export const PDFJS_FIXES = [
  {
    name: "a CFF font's charset read past the end of its data for ever",
    steps: [
      {
        find: '        while (charset.length <= length) {\n',
        replace: '        while (charset.length <= length && pos < bytes.length) {\n',
        count: 2,
      },
    ],
  },
  {
    name: "a JBIG2 symbol dictionary's export flags read for ever",
    steps: [
      {
        find:
          '  while (flags.length < totalSymbolsLength) {\n' +
          '    let runLength = huffman ? tableB1.decode(huffmanInput) : decodeInteger(contextCache, "IAEX", decoder);\n',
        replace:
          '  let exportRuns = 0;\n' +
          '  while (flags.length < totalSymbolsLength) {\n' +
          '    let runLength = huffman ? tableB1.decode(huffmanInput) : decodeInteger(contextCache, "IAEX", decoder);\n' +
          '    if (!(runLength >= 0 && runLength <= totalSymbolsLength - flags.length) || ++exportRuns > totalSymbolsLength + 1) {\n' +
          '      throw new Jbig2Error("invalid export flags (send-bundle fix)");\n' +
          '    }\n',
        count: 1,
      },
    ],
  },
  {
    name: 'a JBIG2 symbol dictionary decoding symbols for ever, or of any size',
    steps: [
      {
        find:
          '      if (deltaWidth === null) {\n' +
          '        break;\n' +
          '      }\n' +
          '      currentWidth += deltaWidth;\n' +
          '      totalWidth += currentWidth;\n',
        replace:
          '      if (deltaWidth === null) {\n' +
          '        break;\n' +
          '      }\n' +
          '      currentWidth += deltaWidth;\n' +
          '      totalWidth += currentWidth;\n' +
          '      decodingContext.symbolPixels = (decodingContext.symbolPixels || 0) + currentWidth * currentHeight + 64;\n' +
          '      if ((huffman ? symbolWidths.length : newSymbols.length) >= numberOfNewSymbols || !(currentWidth >= 0 && currentHeight >= 0) || decodingContext.symbolPixels > 268435456 || totalWidth * currentHeight > 268435456) {\n' +
          '        throw new Jbig2Error("invalid symbol dictionary (send-bundle fix)");\n' +
          '      }\n',
        count: 1,
      },
    ],
  },
  {
    name: "a JBIG2 picture's page or regions of any size",
    steps: [
      {
        find: 'function parseJbig2Chunks(chunks) {\n  const visitor = new SimpleSegmentVisitor();\n',
        replace:
          'let jbig2PixelsLeft = 0;\n' +
          'function spendJbig2Pixels(width, height) {\n' +
          '  const pixels = width * height;\n' +
          '  if (!(width >= 0 && height >= 0 && pixels <= jbig2PixelsLeft)) {\n' +
          '    throw new Jbig2Error("picture too large (send-bundle fix)");\n' +
          '  }\n' +
          '  jbig2PixelsLeft -= pixels;\n' +
          '}\n' +
          'function parseJbig2Chunks(chunks) {\n' +
          '  jbig2PixelsLeft = 268435456;\n' +
          '  const visitor = new SimpleSegmentVisitor();\n',
        count: 1,
      },
      {
        find:
          '    return decodeMMRBitmap(input, width, height, false);\n' +
          '  }\n' +
          '  if (templateIndex === 0 && !skip && !prediction',
        replace:
          '    return decodeMMRBitmap(input, width, height, false);\n' +
          '  }\n' +
          '  spendJbig2Pixels(width, height);\n' +
          '  if (templateIndex === 0 && !skip && !prediction',
        count: 1,
      },
      {
        find: 'function decodeMMRBitmap(input, width, height, endOfBlock) {\n',
        replace:
          'function decodeMMRBitmap(input, width, height, endOfBlock) {\n  spendJbig2Pixels(width, height);\n',
        count: 1,
      },
      {
        find: 'function decodeRefinement(width, height, templateIndex, referenceBitmap, offsetX, offsetY, prediction, at, decodingContext) {\n',
        replace:
          'function decodeRefinement(width, height, templateIndex, referenceBitmap, offsetX, offsetY, prediction, at, decodingContext) {\n' +
          '  spendJbig2Pixels(width, height);\n',
        count: 1,
      },
      {
        find: '    throw new Jbig2Error("refinement with Huffman is not supported");\n  }\n  const bitmap = [];\n',
        replace:
          '    throw new Jbig2Error("refinement with Huffman is not supported");\n' +
          '  }\n' +
          '  spendJbig2Pixels(width, height);\n' +
          '  const bitmap = [];\n',
        count: 1,
      },
      {
        find: '      let symbolHeight = symbolBitmap.length;\n',
        replace:
          '      let symbolHeight = symbolBitmap.length;\n      spendJbig2Pixels(1, symbolWidth * symbolHeight + 64);\n',
        count: 1,
      },
      {
        find: '  const regionBitmap = [];\n  let i, j, row;\n  for (i = 0; i < regionHeight; i++) {\n',
        replace:
          '  spendJbig2Pixels(regionWidth, regionHeight);\n' +
          '  const regionBitmap = [];\n' +
          '  let i, j, row;\n' +
          '  for (i = 0; i < regionHeight; i++) {\n',
        count: 1,
      },
      {
        find: '  const bitsPerValue = log2(numberOfPatterns);\n',
        replace:
          '  const bitsPerValue = log2(numberOfPatterns);\n' +
          '  spendJbig2Pixels(gridWidth * gridHeight, patternWidth * patternHeight);\n',
        count: 1,
      },
      {
        find: '    this.currentPageInfo = info;\n    const rowSize = info.width + 7 >> 3;\n',
        replace:
          '    this.currentPageInfo = info;\n' +
          '    if (!(info.width * (info.height ?? 0) <= 1073741824)) {\n' +
          '      throw new Jbig2Error("page too large (send-bundle fix)");\n' +
          '    }\n' +
          '    const rowSize = info.width + 7 >> 3;\n',
        count: 1,
      },
    ],
  },
  {
    name: 'a JBIG2 segment referring to more segments than its data holds',
    steps: [
      {
        find: '    referredToCount = readUint32(data, position - 1) & 0x1fffffff;\n' + '    position += 3;\n',
        replace:
          '    referredToCount = readUint32(data, position - 1) & 0x1fffffff;\n' +
          '    position += 3;\n' +
          '    if (referredToCount > data.length - position) {\n' +
          '      throw new Jbig2Error("invalid referred-to segment count (send-bundle fix)");\n' +
          '    }\n',
        count: 1,
      },
    ],
  },
  {
    name: 'a JBIG2 segment running past the end of its data',
    steps: [
      {
        find: '      position += segmentHeader.length;\n      segment.end = position;\n',
        replace: '      position += segmentHeader.length;\n      segment.end = Math.min(position, end);\n',
        count: 1,
      },
      {
        find: '      position += segments[i].header.length;\n      segments[i].end = position;\n',
        replace:
          '      position += segments[i].header.length;\n      segments[i].end = Math.min(position, end);\n',
        count: 1,
      },
    ],
  },
  {
    name: "a JBIG2 picture's budget in proportion to its size on the page",
    steps: [
      {
        find: 'class SimpleSegmentVisitor {\n  onPageInformation(info) {\n',
        replace:
          'let jbig2PictureCap = 268435456;\n' +
          'class SimpleSegmentVisitor {\n' +
          '  constructor() {\n' +
          '    jbig2PixelsLeft = Math.min(jbig2PixelsLeft, jbig2PictureCap);\n' +
          '  }\n' +
          '  onPageInformation(info) {\n',
        count: 1,
      },
      {
        find: '    bytes ||= this.bytes;\n    const jbig2Image = new Jbig2Image();\n',
        replace:
          '    bytes ||= this.bytes;\n' +
          '    const pictureWidth = this.dict.get("Width"), pictureHeight = this.dict.get("Height");\n' +
          '    jbig2PictureCap = Number.isInteger(pictureWidth) && Number.isInteger(pictureHeight) && pictureWidth > 0 && pictureHeight > 0 ? Math.min(268435456, Math.max(16777216, 4 * pictureWidth * pictureHeight)) : 268435456;\n' +
          '    const jbig2Image = new Jbig2Image();\n',
        count: 1,
      },
    ],
  },
  {
    name: "a CFF font's index whose entries overlap",
    steps: [
      {
        find: '        offsets.push(startPos + offset);\n',
        replace: '        offsets.push(Math.max(startPos + offset, offsets.at(-1) ?? 0));\n',
        count: 1,
      },
    ],
  },
  {
    name: 'a tiling pattern that draws the form that paints with it',
    steps: [
      {
        find: '  handleTilingType(fn, color, resources, pattern, patternDict, operatorList, task, localTilingPatternCache) {\n',
        replace:
          '  handleTilingType(fn, color, resources, pattern, patternDict, operatorList, task, localTilingPatternCache, seenRefs = null) {\n',
        count: 1,
      },
      {
        find:
          '      resources: patternResources,\n' +
          '      operatorList: tilingOpList\n' +
          '    }).then(function () {\n' +
          '      const operatorListIR = tilingOpList.getIR();\n',
        replace:
          '      resources: patternResources,\n' +
          '      operatorList: tilingOpList,\n' +
          '      prevRefs: seenRefs\n' +
          '    }).then(function () {\n' +
          '      const operatorListIR = tilingOpList.getIR();\n',
        count: 1,
      },
      {
        find: '  handleColorN(operatorList, fn, args, cs, patterns, resources, task, localColorSpaceCache, localTilingPatternCache, localShadingPatternCache) {\n',
        replace:
          '  handleColorN(operatorList, fn, args, cs, patterns, resources, task, localColorSpaceCache, localTilingPatternCache, localShadingPatternCache, seenRefs = null) {\n',
        count: 1,
      },
      {
        find: '          return this.handleTilingType(fn, color, resources, pattern, dict, operatorList, task, localTilingPatternCache);\n',
        replace:
          '          return this.handleTilingType(fn, color, resources, pattern, dict, operatorList, task, localTilingPatternCache, seenRefs);\n',
        count: 1,
      },
      {
        find: 'task, localColorSpaceCache, localTilingPatternCache, localShadingPatternCache));\n',
        replace:
          'task, localColorSpaceCache, localTilingPatternCache, localShadingPatternCache, seenRefs));\n',
        count: 2,
      },
    ],
  },
  {
    name: 'a CMap whose ranges map millions of codes',
    steps: [
      {
        find:
          '      throw new Error("mapCidRange - ignoring data above MAX_MAP_RANGE.");\n' +
          '    }\n' +
          '    while (low <= high) {\n',
        replace:
          '      throw new Error("mapCidRange - ignoring data above MAX_MAP_RANGE.");\n' +
          '    }\n' +
          '    this.sendBundleMapped = (this.sendBundleMapped ?? 0) + (high - low + 1);\n' +
          '    if (this.sendBundleMapped > 2 ** 18) {\n' +
          '      throw new Error("mapCidRange - more codes than any font has (send-bundle fix)");\n' +
          '    }\n' +
          '    while (low <= high) {\n',
        count: 1,
      },
      {
        find:
          '      throw new Error("mapBfRange - ignoring data above MAX_MAP_RANGE.");\n' +
          '    }\n' +
          '    const lastByte = dstLow.length - 1;\n',
        replace:
          '      throw new Error("mapBfRange - ignoring data above MAX_MAP_RANGE.");\n' +
          '    }\n' +
          '    this.sendBundleMapped = (this.sendBundleMapped ?? 0) + (high - low + 1);\n' +
          '    if (this.sendBundleMapped > 2 ** 18) {\n' +
          '      throw new Error("mapBfRange - more codes than any font has (send-bundle fix)");\n' +
          '    }\n' +
          '    const lastByte = dstLow.length - 1;\n',
        count: 1,
      },
    ],
  },
  {
    name: "a CMap searched from end to end for each of a font's glyphs",
    steps: [
      {
        find:
          '  charCodeOf(value) {\n' +
          '    const map = this._map;\n' +
          '    if (map.length <= 0x10000) {\n' +
          '      return map.indexOf(value);\n' +
          '    }\n' +
          '    for (const charCode in map) {\n' +
          '      if (map[charCode] === value) {\n' +
          '        return charCode | 0;\n' +
          '      }\n' +
          '    }\n' +
          '    return -1;\n' +
          '  }\n',
        replace:
          '  charCodeOf(value) {\n' +
          '    const map = this._map;\n' +
          '    if (this.sendBundleCodes?.length !== map.length) {\n' +
          '      const codes = new Map();\n' +
          '      for (const charCode in map) {\n' +
          '        if (!codes.has(map[charCode])) {\n' +
          '          codes.set(map[charCode], charCode | 0);\n' +
          '        }\n' +
          '      }\n' +
          '      this.sendBundleCodes = { length: map.length, codes };\n' +
          '    }\n' +
          '    return this.sendBundleCodes.codes.get(value) ?? -1;\n' +
          '  }\n',
        count: 2,
      },
    ],
  },
  {
    name: "a JBIG2 pattern dictionary's patterns of no width",
    steps: [
      {
        find: '  const collectiveWidth = (maxPatternIndex + 1) * patternWidth;\n',
        replace:
          '  if (!(patternWidth >= 1 && patternHeight >= 1) || (maxPatternIndex + 1) * patternHeight > 2 ** 20) {\n' +
          '    throw new Jbig2Error("patterns of no size, or too many (send-bundle fix)");\n' +
          '  }\n' +
          '  const collectiveWidth = (maxPatternIndex + 1) * patternWidth;\n',
        count: 1,
      },
    ],
  },
  {
    name: "a TrueType font's glyph names read past the end of its data for ever",
    steps: [
      {
        find:
          '            const strLen = font.getByte(),\n' +
          '              str = font.getString(strLen);\n' +
          '            customNames.push(str);\n',
        replace:
          '            const strLen = font.getByte();\n' +
          '            if (strLen < 0) {\n' +
          '              break;\n' +
          '            }\n' +
          '            const str = font.getString(strLen);\n' +
          '            customNames.push(str);\n',
        count: 1,
      },
    ],
  },
  {
    name: "a TrueType font's cmap mapping more codes than Unicode has",
    steps: [
      {
        find: '            for (j = 0; j < s.entryCount; j++) {\n',
        replace: '            for (j = 0; j < s.entryCount && mappings.length < 0x110000; j++) {\n',
        count: 1,
      },
      {
        find: '          for (j = start; j <= end; j++) {\n',
        replace: '          for (j = start; j <= end && mappings.length < 0x110000; j++) {\n',
        count: 1,
      },
      {
        find: '        for (j = 0; j < nGroups; j++) {\n',
        replace: '        for (j = 0; j < nGroups && mappings.length < 0x110000; j++) {\n',
        count: 1,
      },
      {
        find: '          for (let charCode = startCharCode; charCode <= endCharCode; charCode++) {\n',
        replace:
          '          for (let charCode = startCharCode; charCode <= endCharCode && mappings.length < 0x110000; charCode++) {\n',
        count: 1,
      },
    ],
  },
  {
    name: 'a TrueType collection of billions of fonts',
    steps: [
      {
        find: '      const numFonts = ttc.getInt32() >>> 0;\n',
        replace:
          '      const numFonts = Math.min(ttc.getInt32() >>> 0, Math.max(0, ttc.end - ttc.pos) >> 2);\n',
        count: 1,
      },
      {
        find: '      const fontNameParts = fontName.split("+");\n      let fallbackData;\n',
        replace:
          '      const fontNameParts = fontName.split("+");\n' +
          '      let fallbackData;\n' +
          '      let directoryBytesLeft = ttc.end - (ttc.start || 0);\n',
        count: 1,
      },
      {
        find:
          '        const potentialHeader = readOpenTypeHeader(ttc);\n' +
          '        const potentialTables = readTables(ttc, potentialHeader.numTables);\n',
        replace:
          '        const potentialHeader = readOpenTypeHeader(ttc);\n' +
          '        directoryBytesLeft -= 12 + 16 * Math.max(0, potentialHeader.numTables);\n' +
          '        if (directoryBytesLeft < 0) {\n' +
          '          break;\n' +
          '        }\n' +
          '        const potentialTables = readTables(ttc, potentialHeader.numTables);\n',
        count: 1,
      },
    ],
  },
  {
    name: "a TrueType font's hinting program that grows its stack by a negative count",
    steps: [
      {
        find: '            if (!isNaN(n)) {\n              stackDelta = -n * 2;\n            }\n',
        replace:
          '            if (!isNaN(n)) {\n              stackDelta = n < 0 ? -Infinity : -n * 2;\n            }\n',
        count: 1,
      },
    ],
  },
  {
    name: 'a TrueType composite glyph drawn from billions of components',
    steps: [
      {
        find: 'function compileGlyf(code, cmds, font) {\n',
        replace: 'function compileGlyf(code, cmds, font, budget = { left: 131072 }) {\n',
        count: 1,
      },
      {
        find:
          '      const subglyph = font.glyphs[glyphIndex];\n' +
          '      if (subglyph) {\n' +
          '        cmds.save();\n' +
          '        cmds.transform([scaleX, scale01, scale10, scaleY, x, y]);\n' +
          '        if (!(flags & 0x02)) {}\n' +
          '        compileGlyf(subglyph, cmds, font);\n',
        replace:
          '      const subglyph = font.glyphs[glyphIndex];\n' +
          '      if (subglyph && --budget.left >= 0) {\n' +
          '        cmds.save();\n' +
          '        cmds.transform([scaleX, scale01, scale10, scaleY, x, y]);\n' +
          '        if (!(flags & 0x02)) {}\n' +
          '        compileGlyf(subglyph, cmds, font, budget);\n',
        count: 1,
      },
      {
        find: '    const numberOfPoints = endPtsOfContours.at(-1) + 1;\n',
        replace:
          '    const numberOfPoints = endPtsOfContours.at(-1) + 1;\n' +
          '    if (numberOfPoints > 0 && (budget.left -= numberOfPoints) < 0) {\n' +
          '      return;\n' +
          '    }\n',
        count: 1,
      },
    ],
  },
  {
    name: "a TrueType glyph's points read past the end of its data",
    steps: [
      {
        find: '      for (i = 0; i < contoursCount; i++) {\n        const endPoint = glyf[j] << 8 | glyf[j + 1];\n',
        replace:
          '      for (i = 0; i < contoursCount; i++) {\n' +
          '        if (j >= glyf.length) {\n' +
          '          return glyphProfile;\n' +
          '        }\n' +
          '        const endPoint = glyf[j] << 8 | glyf[j + 1];\n',
        count: 1,
      },
      {
        find: '      for (i = 0; i < flagsCount; i++) {\n        const flag = glyf[j++];\n',
        replace:
          '      for (i = 0; i < flagsCount; i++) {\n' +
          '        if (j >= glyf.length) {\n' +
          '          return glyphProfile;\n' +
          '        }\n' +
          '        const flag = glyf[j++];\n',
        count: 1,
      },
    ],
  },
  {
    name: "a CFF font's FDSelect of more glyphs than the font has",
    steps: [
      {
        find: '          for (let j = first; j < next; ++j) {\n',
        replace: '          for (let j = first; j < next && fdSelect.length <= length; ++j) {\n',
        count: 1,
      },
    ],
  },
  {
    name: "a TrueType font's hinting program calling a function that grows its stack by millions",
    steps: [
      {
        find:
          '          while (stackDelta < 0 && stack.length > 0) {\n' +
          '            stack.pop();\n' +
          '            stackDelta++;\n' +
          '          }\n',
        replace:
          '          if (stackDelta < 0) {\n' +
          '            stack.length = Math.max(0, stack.length + stackDelta);\n' +
          '          }\n',
        count: 1,
      },
      {
        find:
          '                  ttContext.hintsValid = false;\n' +
          '                  return;\n' +
          '                }\n' +
          '                stack.length = newStackLength;\n',
        replace:
          '                  ttContext.hintsValid = false;\n' +
          '                  return;\n' +
          '                }\n' +
          '                ttContext.sendBundleGrowth = (ttContext.sendBundleGrowth ?? 0) + Math.max(0, newStackLength - stack.length);\n' +
          '                if (ttContext.sendBundleGrowth > 2 ** 20) {\n' +
          '                  tooComplexToFollowFunctions = true;\n' +
          '                } else {\n' +
          '                  stack.length = newStackLength;\n' +
          '                }\n',
        count: 1,
      },
    ],
  },
  {
    name: "a TrueType font's names read over and over from the same bytes",
    steps: [
      {
        find: '  checkAndRepair(name, font, properties) {\n',
        replace: '  checkAndRepair(name, font, properties) {\n    let nameBytesLeft = 2 ** 20;\n',
        count: 1,
      },
      {
        find: NAME_RECORDS_LOOP,
        replace:
          NAME_RECORDS_LOOP +
          '        if ((nameBytesLeft -= record.length) < 0) {\n' +
          '          break;\n' +
          '        }\n',
        count: 1,
      },
    ],
  },
  {
    name: "a CFF font's glyphs calling subroutines billions of times",
    steps: [
      {
        find: '        callDepth: 0,\n        stackSize: 0,\n',
        replace: '        callDepth: 0,\n        sendBundleOps: 0,\n        stackSize: 0,\n',
        count: 1,
      },
      {
        find: '    const seacs = [];\n    const widths = [];\n    const count = charStrings.count;\n',
        replace:
          '    const seacs = [];\n' +
          '    const widths = [];\n' +
          '    const count = charStrings.count;\n' +
          '    this.sendBundleOpsLeft = 2 ** 26;\n',
        count: 1,
      },
      {
        find: '    let length = data.length;\n    for (let j = 0; j < length;) {\n      const value = data[j++];\n',
        replace:
          '    let length = data.length;\n' +
          '    for (let j = 0; j < length;) {\n' +
          '      if (++state.sendBundleOps > 2 ** 16 || --this.sendBundleOpsLeft < 0) {\n' +
          '        return false;\n' +
          '      }\n' +
          '      const value = data[j++];\n',
        count: 1,
      },
    ],
  },
  {
    name: "a Type 1 font's glyphs calling subroutines billions of times",
    steps: [
      {
        find: 'class Type1CharString {\n  width = 0;\n',
        replace: 'class Type1CharString {\n  sendBundleOps = 0;\n  width = 0;\n',
        count: 1,
      },
      {
        find:
          '  convert(encoded, subrs, seacAnalysisEnabled) {\n' +
          '    const count = encoded.length;\n' +
          '    let error = false;\n' +
          '    let wx, sbx, subrNumber;\n' +
          '    for (let i = 0; i < count; i++) {\n',
        replace:
          '  convert(encoded, subrs, seacAnalysisEnabled, sendBundleFont = { opsLeft: 2 ** 22 }) {\n' +
          '    const count = encoded.length;\n' +
          '    let error = false;\n' +
          '    let wx, sbx, subrNumber;\n' +
          '    for (let i = 0; i < count; i++) {\n' +
          '      if (++this.sendBundleOps > 2 ** 16 || --sendBundleFont.opsLeft < 0) {\n' +
          '        return true;\n' +
          '      }\n',
        count: 1,
      },
      {
        find: '            error = this.convert(subrs[subrNumber], subrs, seacAnalysisEnabled);\n',
        replace:
          '            error = this.convert(subrs[subrNumber], subrs, seacAnalysisEnabled, sendBundleFont);\n',
        count: 1,
      },
      {
        find: '      const error = charString.convert(encoded, subrs, this.seacAnalysisEnabled);\n',
        replace:
          '      const error = charString.convert(encoded, subrs, this.seacAnalysisEnabled, this.sendBundleFont ??= { opsLeft: 2 ** 22 });\n',
        count: 1,
      },
    ],
  },
  {
    name: 'a stitching function whose parts are read again for each time they are named',
    steps: [
      {
        find: '      fns.push(this.parse(factory, xref.fetchIfRef(fn)));\n',
        replace:
          '      fns.push(fn instanceof Ref ? factory.create(fn) : this.parse(factory, xref.fetchIfRef(fn)));\n',
        count: 1,
      },
    ],
  },
  {
    name: "a sampled function's samples made past the end of its data",
    steps: [
      {
        find:
          '    const strBytes = stream.getBytes((length * bps + 7) / 8);\n' +
          '    let strIdx = 0;\n' +
          '    for (let i = 0; i < length; i++) {\n',
        replace:
          '    if (!Number.isInteger(bps) || bps < 1 || bps > 32) {\n' +
          '      throw new FormatError("Invalid BitsPerSample");\n' +
          '    }\n' +
          '    const strBytes = stream.getBytes((length * bps + 7) / 8);\n' +
          '    let strIdx = 0;\n' +
          '    const sendBundleHeld = Math.min(length, Math.ceil((strBytes.length * 8) / bps));\n' +
          '    for (let i = 0; i < sendBundleHeld; i++) {\n',
        count: 1,
      },
      {
        find: '          rj += samples[cubeVertex[i] + j] * cubeN[i];\n',
        replace:
          '          const sendBundleAt = cubeVertex[i] + j;\n' +
          '          rj += (samples[sendBundleAt] ?? (sendBundleAt < samples.length ? 0 : NaN)) * cubeN[i];\n',
        count: 1,
      },
    ],
  },
  {
    name: 'a mesh shading whose vertices are read with no bits, for ever',
    steps: [
      {
        find: '    const reader = new MeshStreamReader(stream, decodeContext);\n',
        replace:
          '    for (const bits of [decodeContext.bitsPerCoordinate, decodeContext.bitsPerComponent, this.shadingType === ShadingType.LATTICE_FORM_MESH ? 1 : decodeContext.bitsPerFlag]) {\n' +
          '      if (typeof bits !== "number" || !(bits >= 1)) {\n' +
          '        throw new FormatError("Invalid number of bits in a mesh shading");\n' +
          '      }\n' +
          '    }\n' +
          '    const reader = new MeshStreamReader(stream, decodeContext);\n',
        count: 1,
      },
    ],
  },
  {
    name: 'a CCITT fax image whose rows are coded far wider than the image',
    steps: [
      {
        find: '      BlackIs1: !!params.get("BlackIs1")\n' + '    };\n' + '  }\n' + '  get bytes() {\n',
        replace:
          '      BlackIs1: !!params.get("BlackIs1")\n' +
          '    };\n' +
          '    const sendBundleWidth = this.dict?.get("W", "Width");\n' +
          '    if (typeof this.params.Columns === "number" && Number.isInteger(sendBundleWidth) && sendBundleWidth > 0 && this.params.Columns > 2 * sendBundleWidth + 1728) {\n' +
          '      throw new FormatError("CCITTFaxDecode - /Columns far wider than the image");\n' +
          '    }\n' +
          '  }\n' +
          '  get bytes() {\n',
        count: 1,
      },
    ],
  },
  {
    name: 'a JPEG frame of more blocks than its data can code',
    steps: [
      {
        find: '          frame.maxH = maxH;\n          frame.maxV = maxV;\n          prepareComponents(frame);\n',
        replace:
          '          frame.maxH = maxH;\n' +
          '          frame.maxV = maxV;\n' +
          '          let sendBundleBlocks = 0;\n' +
          '          for (const component of frame.components) {\n' +
          '            sendBundleBlocks += Math.ceil(Math.ceil(frame.samplesPerLine / 8) * component.h / maxH) * Math.ceil(Math.ceil(frame.scanLines / 8) * component.v / maxV);\n' +
          '          }\n' +
          '          if (sendBundleBlocks > (data.length - offset) * 8) {\n' +
          '            throw new JpegError("the frame has more blocks than its data can code");\n' +
          '          }\n' +
          '          prepareComponents(frame);\n',
        count: 1,
      },
    ],
  },
  {
    name: 'the text transform of every glyph composed through two arrays made for it',
    steps: [
      {
        find:
          '      const tsm = [textState.fontSize * textState.textHScale, 0, 0, textState.fontSize, 0, textState.textRise];\n' +
          '      if (font.isType3Font && (textState.fontSize <= 1 || font.isCharBBox) && !isArrayEqual(textState.fontMatrix, FONT_IDENTITY_MATRIX)) {\n' +
          '        const glyphHeight = font.bbox[3] - font.bbox[1];\n' +
          '        if (glyphHeight > 0) {\n' +
          '          tsm[3] *= glyphHeight * textState.fontMatrix[3];\n' +
          '        }\n' +
          '      }\n' +
          '      return Util.transform(textState.ctm, Util.transform(textState.textMatrix, tsm));\n',
        replace:
          '      const sx = textState.fontSize * textState.textHScale;\n' +
          '      let sy = textState.fontSize;\n' +
          '      const rise = textState.textRise;\n' +
          '      if (font.isType3Font && (textState.fontSize <= 1 || font.isCharBBox) && !isArrayEqual(textState.fontMatrix, FONT_IDENTITY_MATRIX)) {\n' +
          '        const glyphHeight = font.bbox[3] - font.bbox[1];\n' +
          '        if (glyphHeight > 0) {\n' +
          '          sy *= glyphHeight * textState.fontMatrix[3];\n' +
          '        }\n' +
          '      }\n' +
          '      const m = textState.textMatrix;\n' +
          '      const t0 = m[0] * sx + m[2] * 0, t1 = m[1] * sx + m[3] * 0, t2 = m[0] * 0 + m[2] * sy, t3 = m[1] * 0 + m[3] * sy;\n' +
          '      const t4 = m[0] * 0 + m[2] * rise + m[4], t5 = m[1] * 0 + m[3] * rise + m[5];\n' +
          '      const c = textState.ctm;\n' +
          '      return [c[0] * t0 + c[2] * t1, c[1] * t0 + c[3] * t1, c[0] * t2 + c[2] * t3, c[1] * t2 + c[3] * t3, c[0] * t4 + c[2] * t5 + c[4], c[1] * t4 + c[3] * t5 + c[5]];\n',
        count: 1,
      },
    ],
  },
  {
    name: "a CMap's backward ranges taken off fix 10's count, and long strings copied for every code",
    steps: [
      {
        find: '  mapCidRange(low, high, dstLow) {\n    if (high - low > MAX_MAP_RANGE) {\n',
        replace:
          '  mapCidRange(low, high, dstLow) {\n' +
          '    if (high < low) {\n' +
          '      return;\n' +
          '    }\n' +
          '    if (high - low > MAX_MAP_RANGE) {\n',
        count: 1,
      },
      {
        find: '  mapBfRange(low, high, dstLow) {\n    if (high - low > MAX_MAP_RANGE) {\n',
        replace:
          '  mapBfRange(low, high, dstLow) {\n' +
          '    if (high < low) {\n' +
          '      return;\n' +
          '    }\n' +
          '    if (high - low > MAX_MAP_RANGE) {\n',
        count: 1,
      },
      {
        find:
          '    const lastByte = dstLow.length - 1;\n' +
          '    while (low <= high) {\n' +
          '      this._map[low++] = dstLow;\n',
        replace:
          '    const lastByte = dstLow.length - 1;\n' +
          '    this.sendBundleMappedBytes = (this.sendBundleMappedBytes ?? 0) + (high - low + 1) * dstLow.length;\n' +
          '    if (this.sendBundleMappedBytes > 2 ** 24) {\n' +
          '      throw new Error("mapBfRange - longer text than any font maps to (send-bundle fix)");\n' +
          '    }\n' +
          '    while (low <= high) {\n' +
          '      this._map[low++] = dstLow;\n',
        count: 1,
      },
    ],
  },
  {
    name: 'a JBIG2 symbol dictionary of empty height classes, for ever',
    steps: [
      {
        find:
          '  while (newSymbols.length < numberOfNewSymbols) {\n' +
          '    const deltaHeight = huffman ? huffmanTables.tableDeltaHeight.decode(huffmanInput) : decodeInteger(contextCache, "IADH", decoder);\n',
        replace:
          '  let heightClasses = 0;\n' +
          '  while (newSymbols.length < numberOfNewSymbols) {\n' +
          '    if (++heightClasses > (huffman ? symbolWidths.length : newSymbols.length) + 1024) {\n' +
          '      throw new Jbig2Error("symbol dictionary of empty height classes (send-bundle fix)");\n' +
          '    }\n' +
          '    const deltaHeight = huffman ? huffmanTables.tableDeltaHeight.decode(huffmanInput) : decodeInteger(contextCache, "IADH", decoder);\n',
        count: 1,
      },
    ],
  },
  {
    name: 'a page found by a step for every page before it, in a page tree of one node',
    steps: [
      {
        find: '  async getPageDict(pageIndex) {\n    const nodesToVisit = [this.toplevelPagesDict];\n',
        replace:
          '  async sendBundleFlatPage(pageIndex) {\n' +
          '    const top = this.toplevelPagesDict;\n' +
          '    const kids = top.getRaw("Kids");\n' +
          '    const count = top.getRaw("Count");\n' +
          '    if (!Array.isArray(kids) || !Number.isInteger(count) || pageIndex >= count || pageIndex >= kids.length) {\n' +
          '      return null;\n' +
          '    }\n' +
          '    if (this.sendBundleFlat?.kids !== kids) {\n' +
          '      this.sendBundleFlat = { kids, pages: 0, refs: new RefSet() };\n' +
          '    }\n' +
          '    const flat = this.sendBundleFlat;\n' +
          '    while (flat.pages <= pageIndex) {\n' +
          '      const i = flat.pages;\n' +
          '      const kid = kids[i];\n' +
          '      if (!(kid instanceof Ref) || flat.refs.has(kid)) {\n' +
          '        return null;\n' +
          '      }\n' +
          '      const obj = await (this.pageDictCache.get(kid) || this.xref.fetchAsync(kid));\n' +
          '      if (!(obj instanceof Dict)) {\n' +
          '        return null;\n' +
          '      }\n' +
          '      let type = obj.getRaw("Type");\n' +
          '      if (type instanceof Ref) {\n' +
          '        type = await this.xref.fetchAsync(type);\n' +
          '      }\n' +
          '      if (!isName(type, "Page") && obj.has("Kids")) {\n' +
          '        return null;\n' +
          '      }\n' +
          '      if (this.sendBundleFlat === flat && flat.pages === i) {\n' +
          '        flat.refs.put(kid);\n' +
          '        if (!this.pageKidsCountCache.has(kid)) {\n' +
          '          this.pageKidsCountCache.put(kid, 1);\n' +
          '        }\n' +
          '        if (!this.pageIndexCache.has(kid)) {\n' +
          '          this.pageIndexCache.put(kid, i);\n' +
          '        }\n' +
          '        flat.pages = i + 1;\n' +
          '      }\n' +
          '    }\n' +
          '    const kid = kids[pageIndex];\n' +
          '    return [await (this.pageDictCache.get(kid) || this.xref.fetchAsync(kid)), kid];\n' +
          '  }\n' +
          '  async getPageDict(pageIndex) {\n' +
          '    const sendBundleFlat = await this.sendBundleFlatPage(pageIndex);\n' +
          '    if (sendBundleFlat) {\n' +
          '      return sendBundleFlat;\n' +
          '    }\n' +
          '    const nodesToVisit = [this.toplevelPagesDict];\n',
        count: 1,
      },
      {
        find: '    this.pageDictCache.clear();\n',
        replace: '    this.pageDictCache.clear();\n    this.sendBundleFlat = null;\n',
        count: 1,
      },
    ],
  },
  {
    name: 'an object larger than a range of the file parsed again for every range',
    steps: [
      {
        find: '  requestRange(begin, end) {\n    end = Math.min(end, this.length);\n',
        replace:
          '  sendBundleParseAhead(begin, end) {\n' +
          '    if (end - begin !== 1) {\n' +
          '      return end;\n' +
          '    }\n' +
          '    const run = this.sendBundleParseRun;\n' +
          '    const size = run && run.end === begin ? Math.min(2 * run.size, 64 * this.chunkSize) : this.chunkSize;\n' +
          '    const ahead = Math.max(end, Math.min(this.length, this.getBeginChunk(begin) * this.chunkSize + size));\n' +
          '    this.sendBundleParseRun = { end: ahead, size };\n' +
          '    return ahead;\n' +
          '  }\n' +
          '  requestRange(begin, end) {\n' +
          '    end = Math.min(this.sendBundleParseAhead(begin, end), this.length);\n',
        count: 1,
      },
      {
        find: '      const endChunk = this.getEndChunk(range.end);\n',
        replace:
          '      const endChunk = this.getEndChunk(this.sendBundleParseAhead(range.begin, range.end));\n',
        count: 1,
      },
    ],
  },
];

/** The files of pdfjs-dist the fixes are written into. */
export const FIXED_FILES = ['legacy/build/pdf.worker.mjs', 'build/pdf.worker.mjs'];

const occurrences = (text, find) => text.split(find).length - 1;

/**
 * pdf.js's worker module with the fixes: the names of those made now, of those it already had, and of
 * those not found (pdf.js changed).
 */
export function fixPdfjsWorker(source) {
  let contents = source;
  const report = { made: [], already: [], missing: [] };
  for (const fix of PDFJS_FIXES) {
    // A fix's text may hold what it replaces (a check added after a line): looked for first. A fix's steps
    // are made all together or not at all (one may call a function another defines).
    if (fix.steps.every((step) => occurrences(contents, step.replace) === step.count))
      report.already.push(fix.name);
    else if (fix.steps.every((step) => occurrences(contents, step.find) === step.count)) {
      for (const step of fix.steps) contents = contents.split(step.find).join(step.replace);
      report.made.push(fix.name);
    } else report.missing.push(fix.name);
  }
  return { contents, ...report };
}

/** Writes the fixes into the pdfjs-dist under `modules` (a node_modules folder); returns what it did. */
export function fixInstalledPdfjs(modules) {
  return FIXED_FILES.map((file) => {
    const path = join(modules, 'pdfjs-dist', file);
    const source = readFileSync(path, 'utf8');
    const { contents, ...report } = fixPdfjsWorker(source);
    if (contents !== source) writeFileSync(path, contents);
    return { file, ...report };
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const modules = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules');
  let reports = [];
  try {
    reports = fixInstalledPdfjs(modules);
  } catch (error) {
    console.warn(`pdf.js could not be fixed (scripts/pdfjsFixes.mjs): ${error.message}`);
  }
  for (const { file, made, missing } of reports) {
    for (const name of made) console.log(`pdfjs-dist/${file}: fixed ${name}.`);
    for (const name of missing)
      console.warn(`pdfjs-dist/${file}: pdf.js changed, not fixed: ${name} (see scripts/pdfjsFixes.mjs).`);
  }
}
