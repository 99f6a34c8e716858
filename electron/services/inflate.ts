/**
 * Options for Node's zlib inflaters that allow the largest window (32 KB) whatever the data's header says.
 * Given any options, Node inflates with the window the header names. Some writers name a smaller window
 * than their matches use; once such data unpacks past the first piece zlib hands back (16 KB), a match
 * reaching beyond the named window fails ("invalid distance too far back"), though pdf.js, poppler and
 * browsers, which ignore the header's window, read it whole. A TrueType font in pdf.js's issue18036.pdf
 * (its header names 8 KB) was called damaged; and the untrusted-file scan left such a stream uncounted,
 * which pdf.js would then unpack without a limit. Spread into every inflater's options.
 */
import { constants } from 'node:zlib';

export const WHOLE_WINDOW = { windowBits: constants.Z_MAX_WINDOWBITS } as const;
