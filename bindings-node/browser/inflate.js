// Raw DEFLATE (RFC 1951) decoding, synchronous, for the browser build's wasm bytes: deflated they
// are a third of their size, and the browser's own DecompressionStream is asynchronous, which
// would make `keynet` unusable on the line after the <script> (docs/kintone.md, "In the browser").
// The decoder follows zlib's reference decoder puff.c: canonical Huffman codes decoded bit by bit.
// scripts/build-browser.sh checks that it gives back the module's bytes exactly.

/* exported inflateRaw */
// eslint-disable-next-line no-unused-vars
function inflateRaw(input, size) {
  'use strict'
  const MAX_BITS = 15
  const LENGTH_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258]
  const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
  const DISTANCE_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
  const DISTANCE_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13]
  const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

  const out = new Uint8Array(size)
  let written = 0
  let at = 0 // next byte of input
  let buffer = 0 // bits read and not used, lowest first; fewer than 8 between calls
  let buffered = 0

  function bits(count) {
    while (buffered < count) {
      if (at >= input.length) throw new Error('keynet: the embedded module is truncated')
      buffer |= input[at++] << buffered
      buffered += 8
    }
    const value = buffer & ((1 << count) - 1)
    buffer >>>= count
    buffered -= count
    return value
  }

  /** A canonical Huffman code from the code length of each symbol. */
  function huffman(lengths) {
    const counts = new Uint16Array(MAX_BITS + 1)
    for (const length of lengths) counts[length]++
    counts[0] = 0
    const offsets = new Uint16Array(MAX_BITS + 2)
    for (let length = 1; length <= MAX_BITS; length++) offsets[length + 1] = offsets[length] + counts[length]
    const symbols = new Uint16Array(lengths.length)
    for (let symbol = 0; symbol < lengths.length; symbol++) {
      if (lengths[symbol] !== 0) symbols[offsets[lengths[symbol]]++] = symbol
    }
    return { counts, symbols }
  }

  function decode(code) {
    let value = 0
    let first = 0
    let index = 0
    for (let length = 1; length <= MAX_BITS; length++) {
      value |= bits(1)
      const count = code.counts[length]
      if (value - count < first) return code.symbols[index + (value - first)]
      index += count
      first = (first + count) << 1
      value <<= 1
    }
    throw new Error('keynet: the embedded module is corrupt (no such code)')
  }

  function inflateBlock(literals, distances) {
    for (;;) {
      const symbol = decode(literals)
      if (symbol < 256) {
        out[written++] = symbol
      } else if (symbol === 256) {
        return
      } else {
        const lengthIndex = symbol - 257
        const length = LENGTH_BASE[lengthIndex] + bits(LENGTH_EXTRA[lengthIndex])
        const distanceIndex = decode(distances)
        const distance = DISTANCE_BASE[distanceIndex] + bits(DISTANCE_EXTRA[distanceIndex])
        for (let i = 0; i < length; i++, written++) out[written] = out[written - distance]
      }
    }
  }

  function fixedCodes() {
    const lengths = new Uint8Array(288)
    lengths.fill(8, 0, 144)
    lengths.fill(9, 144, 256)
    lengths.fill(7, 256, 280)
    lengths.fill(8, 280, 288)
    return [huffman(lengths), huffman(new Uint8Array(30).fill(5))]
  }

  function dynamicCodes() {
    const literalCount = bits(5) + 257
    const distanceCount = bits(5) + 1
    const codeLengthCount = bits(4) + 4
    const codeLengths = new Uint8Array(19)
    for (let i = 0; i < codeLengthCount; i++) codeLengths[CODE_LENGTH_ORDER[i]] = bits(3)
    const lengthCode = huffman(codeLengths)
    const lengths = new Uint8Array(literalCount + distanceCount)
    for (let i = 0; i < lengths.length;) {
      const symbol = decode(lengthCode)
      if (symbol < 16) {
        lengths[i++] = symbol
        continue
      }
      let repeat
      let value = 0
      if (symbol === 16) {
        value = lengths[i - 1]
        repeat = 3 + bits(2)
      } else if (symbol === 17) {
        repeat = 3 + bits(3)
      } else {
        repeat = 11 + bits(7)
      }
      lengths.fill(value, i, i + repeat)
      i += repeat
    }
    return [huffman(lengths.subarray(0, literalCount)), huffman(lengths.subarray(literalCount))]
  }

  let last = 0
  while (!last) {
    last = bits(1)
    const type = bits(2)
    if (type === 0) {
      // Stored: the rest of the current byte is padding, then LEN, NLEN and the bytes.
      buffer = 0
      buffered = 0
      const length = input[at] | (input[at + 1] << 8)
      at += 4
      out.set(input.subarray(at, at + length), written)
      at += length
      written += length
    } else if (type === 1) {
      inflateBlock(...fixedCodes())
    } else if (type === 2) {
      inflateBlock(...dynamicCodes())
    } else {
      throw new Error('keynet: the embedded module is corrupt (block type 3)')
    }
  }
  if (written !== size) throw new Error('keynet: the embedded module has the wrong size')
  return out
}
