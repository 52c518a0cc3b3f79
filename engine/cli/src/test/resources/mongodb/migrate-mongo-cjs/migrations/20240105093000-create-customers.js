const COLLECTION = 'customers';

module.exports = {
  async up(db) {
    await db.createCollection(COLLECTION, {
      validator: {
        $jsonSchema: {
          bsonType: 'object',
          required: ['email', 'createdAt'],
          properties: {
            email: { bsonType: 'string', description: 'login e-mail' },
            name: { bsonType: ['string', 'null'] },
            createdAt: { bsonType: 'date' },
            loyaltyPoints: { bsonType: 'int' },
          },
        },
      },
    });
    await db.collection(COLLECTION).createIndex({ email: 1 }, { unique: true });
  },

  async down(db) {
    await db.collection(COLLECTION).drop();
  },
};
