import { createRoute } from '@hono/zod-openapi';
import { apiApp } from '../../http/openapi.ts';
import { currentUser, requireRole } from '../../middleware/require.ts';
import { ERROR_RESPONSES, IdParam, jsonBody, jsonContent } from '../../schemas/common.ts';
import {
  PetitionCreateSchema,
  PetitionCreatedSchema,
  PetitionDeleteSchema,
  PetitionListSchema,
  PetitionPatchSchema,
  PetitionQuerySchema,
  PetitionSchema,
  PetitionUpdatedSchema,
  PossibleRepeatsSchema,
  RepeatProbeSchema,
} from '../../schemas/petitions.ts';
import { checkRepeats, createPetition, deletePetition, findPetitions, loadPetition, updatePetition } from '../../services/petitions.ts';

const READ_ERRORS = { 401: ERROR_RESPONSES[401], 403: ERROR_RESPONSES[403], 404: ERROR_RESPONSES[404], 422: ERROR_RESPONSES[422] } as const;

/** The petition register (信访登记): the petition office writes; leaders and coordinators read, identity numbers masked. */
export const petitionsApi = apiApp()
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      operationId: 'createPetition',
      tags: ['petitions'],
      summary: 'Register a petition; a case number links it and re-scores the case in the same batch',
      middleware: [requireRole('registerPetitions')] as const,
      request: { body: jsonBody(PetitionCreateSchema) },
      responses: { 201: jsonContent(PetitionCreatedSchema, 'The petition, the linked case’s new assessment, and possible repeats'), ...ERROR_RESPONSES },
    }),
    async (c) => {
      const out = await createPetition(c.var.db, currentUser(c), c.req.valid('json'), { confirmRepeats: true }, c.var.t, c.var.lang);
      if (!out.saved) throw new Error('a confirmed registration was not saved');
      return c.json({ petition: out.petition, assessment: out.assessment, possibleRepeats: out.possibleRepeats }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      operationId: 'listPetitions',
      tags: ['petitions'],
      summary: "The register in the caller's scope, newest first, filtered by channel, court, period, linked or not, complaint type",
      middleware: [requireRole('readPetitions')] as const,
      request: { query: PetitionQuerySchema },
      responses: { 200: jsonContent(PetitionListSchema, 'A page of petitions'), ...READ_ERRORS },
    }),
    async (c) => c.json(await findPetitions(c.var.db, currentUser(c), c.req.valid('query'), c.var.lang), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/repeats',
      operationId: 'findPossibleRepeats',
      tags: ['petitions'],
      summary: 'Possible repeats of a petition before it is saved: same identity number or same case within 30 days either side',
      middleware: [requireRole('registerPetitions')] as const,
      request: { body: jsonBody(RepeatProbeSchema) },
      responses: { 200: jsonContent(PossibleRepeatsSchema, 'The petitions it may repeat, nearest first'), ...ERROR_RESPONSES },
    }),
    async (c) => {
      const b = c.req.valid('json');
      const possibleRepeats = await checkRepeats(
        c.var.db,
        currentUser(c),
        { id: b.id, receivedOn: b.receivedOn, petitionerIdNumber: b.petitionerIdNumber ?? null, caseNumber: b.caseNumber ?? null },
        c.var.lang,
      );
      return c.json({ possibleRepeats }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      operationId: 'getPetition',
      tags: ['petitions'],
      summary: 'One petition',
      middleware: [requireRole('readPetitions')] as const,
      request: { params: IdParam },
      responses: { 200: jsonContent(PetitionSchema, 'The petition'), ...READ_ERRORS },
    }),
    async (c) => c.json(await loadPetition(c.var.db, currentUser(c), c.req.valid('param').id, c.var.lang), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/{id}',
      operationId: 'updatePetition',
      tags: ['petitions'],
      summary: 'Edit a petition with the version you saw; `caseNumber` links it (null unlinks it) and re-scores the cases it touches',
      middleware: [requireRole('registerPetitions')] as const,
      request: { params: IdParam, body: jsonBody(PetitionPatchSchema) },
      responses: { 200: jsonContent(PetitionUpdatedSchema, 'The petition after the change, and the cases re-scored'), ...ERROR_RESPONSES },
    }),
    async (c) => {
      const out = await updatePetition(c.var.db, currentUser(c), c.req.valid('param').id, c.req.valid('json'), c.var.t, c.var.lang);
      return c.json({ petition: out.petition, rescored: out.rescored }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/{id}',
      operationId: 'deletePetition',
      tags: ['petitions'],
      summary: 'Delete a petition registered in error, with the version you saw; its case is re-scored',
      middleware: [requireRole('registerPetitions')] as const,
      request: { params: IdParam, body: jsonBody(PetitionDeleteSchema) },
      responses: { 204: { description: 'Deleted' }, ...ERROR_RESPONSES },
    }),
    async (c) => {
      await deletePetition(c.var.db, currentUser(c), c.req.valid('param').id, c.req.valid('json').version, c.var.t, c.var.lang);
      return c.body(null, 204);
    },
  );
