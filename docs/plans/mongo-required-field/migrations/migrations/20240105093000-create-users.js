module.exports = {
  async up(db) {
    await db.createCollection('users', {
      validator: {
        $jsonSchema: {
          bsonType: 'object',
          required: ['email', 'createdAt'],
          properties: {
            email: { bsonType: 'string' },
            name: { bsonType: ['string', 'null'] },
            createdAt: { bsonType: 'date' },
          },
        },
      },
    });
    await db.collection('users').createIndex({ email: 1 }, { unique: true, name: 'email_1' });
  },

  async down(db) {
    await db.collection('users').drop();
  },
};
