export const up = async (db) => {
  await db.createCollection('books', {
    validator: {
      $jsonSchema: {
        bsonType: 'object',
        required: ['isbn', 'title'],
        properties: {
          isbn: { bsonType: 'string' },
          title: { bsonType: 'string' },
          price: { bsonType: 'decimal' },
          publishedAt: { bsonType: 'date' },
        },
      },
    },
  });
  await db.collection('books').createIndex({ isbn: 1 }, { unique: true });
};

export const down = async (db) => {
  await db.collection('books').drop();
};
