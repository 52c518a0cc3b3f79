// mongosh --file 001-init-catalog.js
const catalog = db.getSiblingDB('catalog');

catalog.createCollection('products', {
  validator: { $jsonSchema: { bsonType: 'object', required: ['sku'], properties: { sku: { bsonType: 'string' }, price: { bsonType: 'decimal' } } } },
  validationLevel: 'strict',
  validationAction: 'error',
});
catalog.products.createIndex({ sku: 1 }, { unique: true });
catalog.getCollection('products').createIndex({ tags: 1 }, { sparse: true, hidden: true });
