// every user gets a status; from now on it is required and one of three values
module.exports = {
  async up(db) {
    await db.collection('users').updateMany({ status: { $exists: false } }, { $set: { status: 'active' } });
    await db.command({
      collMod: 'users',
      validator: {
        $jsonSchema: {
          bsonType: 'object',
          required: ['email', 'createdAt', 'status'],
          properties: {
            email: { bsonType: 'string' },
            name: { bsonType: ['string', 'null'] },
            createdAt: { bsonType: 'date' },
            status: { enum: ['active', 'suspended', 'deleted'] },
          },
        },
      },
      validationLevel: 'strict',
      validationAction: 'error',
    });
    await db.collection('users').createIndex({ status: 1, createdAt: -1 }, { name: 'status_createdAt' });
  },

  async down(db) {
    await db.collection('users').dropIndex('status_createdAt');
    await db.command({ collMod: 'users', validator: {}, validationLevel: 'off' });
    await db.collection('users').updateMany({}, { $unset: { status: '' } });
  },
};
