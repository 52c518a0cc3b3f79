db.runCommand({
  collMod: 'reviews',
  validator: { $jsonSchema: { bsonType: 'object', required: ['rating'], properties: { rating: { bsonType: 'int', minimum: 1, maximum: 5 } } } },
});
db.reviews.updateMany({ rating: { $exists: false } }, { $set: { rating: 3 } });
db.reviews.deleteMany({});
db.getCollection('reviews').hideIndex('body_text');
db.reviews.createIndex({ bookId: 1, createdAt: -1 });
