-- Which family examines a challenge's skill and why ("arithmetic exam: its id, name or tags say 'math'"), so an
-- exam's failed reasons tell the developer which exam it got. Null for honeypots and challenges stored before.
ALTER TABLE challenge ADD COLUMN examined_as TEXT;
