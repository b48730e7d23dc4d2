import { loadEditorSchema } from '../../server/src/rooms/updateValidation.ts';

// Unit tests call the update validator directly, without a room: the server loads the editor
// schema with its first room (Room.load), so here it is loaded before every test file.
await loadEditorSchema();
