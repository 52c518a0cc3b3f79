export async function ensureIndexes(db, specs) {
  for (const [collection, keys] of specs) {
    await db.collection(collection).createIndex(keys);
  }
}
