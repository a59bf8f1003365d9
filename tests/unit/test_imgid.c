/* imgid: ids from files are refused when they could climb folders or hide
 * bytes from the terminal (issue 5). */
#include "check.h"
#include "imgid.h"

#include <string.h>

static void
test_imgid_good(void)
{
	CHECK(cx_imgid_check("patient64541_study1_view1_frontal") == NULL);
	CHECK(cx_imgid_check("patient1_study2_view1-frontal.v2") == NULL);
}

static void
test_imgid_bad(void)
{
	char longid[300];

	CHECK(cx_imgid_check("") != NULL);
	CHECK(cx_imgid_check("..") != NULL);
	CHECK(cx_imgid_check(".hidden") != NULL);
	CHECK(cx_imgid_check("../../etc/passwd") != NULL);
	CHECK(cx_imgid_check("a/b") != NULL);
	CHECK(cx_imgid_check("a\\b") != NULL);
	CHECK(cx_imgid_check("patient1\x1b[2J") != NULL);
	CHECK(cx_imgid_check("patient1 study1") != NULL);
	CHECK(cx_imgid_check("patient\xc3\xa9") != NULL);
	CHECK(cx_imgid_check("x\x7f") != NULL);
	memset(longid, 'a', sizeof longid - 1);
	longid[sizeof longid - 1] = '\0';
	CHECK(cx_imgid_check(longid) != NULL);
	longid[CX_IMGID_MAX] = '\0';
	CHECK(cx_imgid_check(longid) == NULL);
}

int
main(void)
{
	RUN(test_imgid_good);
	RUN(test_imgid_bad);
	return CHECK_DONE();
}
