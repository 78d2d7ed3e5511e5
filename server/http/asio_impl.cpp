// Asio and Beast are compiled once, here (BOOST_ASIO_SEPARATE_COMPILATION, BOOST_BEAST_SEPARATE_COMPILATION),
// instead of in every file that includes them: the build on two cores stays quick.
#include <boost/asio/impl/src.hpp>
#include <boost/beast/src.hpp>
