/* A bounded cache of query outcomes, most recently used kept: filters, sorting and paging of a recent
 * query need no new search, and a long session stays small. Pure, no globals (tests/js/). */

export class BoundedCache {
  constructor(size) {
    this.size = size;
    this.entries = new Map(); // insertion order is use order: the oldest first
  }

  get(key) {
    if (!this.entries.has(key)) return undefined;
    const value = this.entries.get(key);
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key, value) {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value);
  }

  has(key) {
    return this.entries.has(key);
  }

  get length() {
    return this.entries.size;
  }
}
