// A lesson link is decoded with the scenario package's bounded lz-string decoder (src/scenario/
// lzString.ts): a few kilobytes of lz-string can expand to gigabytes, so decoding stops at a budget.

export { decompressUriSafe, type LzResult } from '../scenario/lzString';
